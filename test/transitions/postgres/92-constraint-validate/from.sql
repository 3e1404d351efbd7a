CREATE TABLE public.users (
  id int PRIMARY KEY
);
CREATE TABLE public.orders (
  id int PRIMARY KEY,
  user_id int,
  total numeric
);
ALTER TABLE public.orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
ALTER TABLE public.orders ADD CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) REFERENCES public.users (id) NOT VALID;
