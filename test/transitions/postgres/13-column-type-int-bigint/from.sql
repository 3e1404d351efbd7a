CREATE TABLE public.accounts (
  id int PRIMARY KEY,
  balance int NOT NULL DEFAULT 0
);
CREATE TABLE public.entries (
  id int PRIMARY KEY,
  account_id int NOT NULL REFERENCES public.accounts (id),
  amount int NOT NULL
);
CREATE INDEX entries_account_id_idx ON public.entries (account_id);
