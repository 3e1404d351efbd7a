-- what this covers: a column that owns a sequence another table's default still uses is dropped: OWNED BY must be released first or the drop fails (or cascades the sequence away).

CREATE TABLE public.legacy (
  id int PRIMARY KEY
);
CREATE SEQUENCE public.shared_seq;
CREATE TABLE public.tickets (
  id bigint PRIMARY KEY DEFAULT nextval('public.shared_seq')
);
