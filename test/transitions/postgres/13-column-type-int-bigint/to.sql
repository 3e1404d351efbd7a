-- what this covers: int -> bigint on a referenced PK, the referencing FK column (indexed) and a defaulted column, with rows.

CREATE TABLE public.accounts (
  id bigint PRIMARY KEY,
  balance bigint NOT NULL DEFAULT 0
);
CREATE TABLE public.entries (
  id int PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES public.accounts (id),
  amount bigint NOT NULL
);
CREATE INDEX entries_account_id_idx ON public.entries (account_id);
