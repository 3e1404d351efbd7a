-- what this covers: NOT VALID check and FK become validated: ALTER TABLE ... VALIDATE CONSTRAINT (weaker lock than drop + add).

CREATE TABLE public.users (
  id int PRIMARY KEY
);
CREATE TABLE public.orders (
  id int PRIMARY KEY,
  user_id int CONSTRAINT orders_user_fkey REFERENCES public.users (id),
  total numeric CONSTRAINT orders_total_check CHECK (total >= 0)
);
