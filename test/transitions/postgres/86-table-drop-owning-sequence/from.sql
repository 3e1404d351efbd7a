CREATE TABLE public.legacy (
  id int PRIMARY KEY,
  counter int
);
CREATE SEQUENCE public.shared_seq OWNED BY public.legacy.counter;
CREATE TABLE public.tickets (
  id bigint PRIMARY KEY DEFAULT nextval('public.shared_seq')
);
