CREATE TABLE public.users (
  id bigint PRIMARY KEY,
  email varchar(100) NOT NULL,
  nick varchar(50),
  CONSTRAINT users_email_check CHECK (email LIKE '%@%')
);
CREATE UNIQUE INDEX users_email_idx ON public.users (email);
