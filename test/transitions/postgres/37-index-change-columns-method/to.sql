-- what this covers: index columns changed, access method changed (btree -> hash), and sort order changed, under the same names.

CREATE TABLE public.docs (
  id bigint PRIMARY KEY,
  owner_id int NOT NULL,
  kind text NOT NULL,
  tag text,
  body text
);
CREATE INDEX docs_owner_idx ON public.docs (owner_id, kind);
CREATE INDEX docs_tag_idx ON public.docs USING hash (tag);
CREATE INDEX docs_kind_idx ON public.docs (kind DESC);
