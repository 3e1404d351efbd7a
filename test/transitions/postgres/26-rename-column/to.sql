-- what this covers: columns renamed with -- atlas:renamed_from (one also widened); rows, the unique index and the check follow.

CREATE TABLE public.users (
  id bigint PRIMARY KEY,
  -- atlas:renamed_from email
  email_address varchar(100) NOT NULL,
  -- atlas:renamed_from nick
  display_name varchar(100),
  CONSTRAINT users_email_check CHECK (email_address LIKE '%@%')
);
CREATE UNIQUE INDEX users_email_idx ON public.users (email_address);
