CREATE TABLE public.docs (
  id bigint PRIMARY KEY,
  owner_id int NOT NULL,
  kind text NOT NULL,
  tag text,
  body text
);
CREATE INDEX docs_owner_idx ON public.docs (owner_id);
CREATE INDEX docs_tag_idx ON public.docs (tag);
CREATE INDEX docs_kind_idx ON public.docs (kind ASC);
