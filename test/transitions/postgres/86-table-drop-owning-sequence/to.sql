-- what this covers: a table whose column owns a sequence still used elsewhere is dropped: OWNED BY must be released before DROP TABLE.

CREATE SEQUENCE public.shared_seq;
CREATE TABLE public.tickets (
  id bigint PRIMARY KEY DEFAULT nextval('public.shared_seq')
);
