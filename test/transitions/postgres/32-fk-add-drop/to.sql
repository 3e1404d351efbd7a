-- what this covers: FKs added (to a PK and to a unique constraint, over existing rows) and one dropped.

CREATE TABLE public.users (
  id int PRIMARY KEY
);
CREATE TABLE public.teams (
  id int PRIMARY KEY,
  code text NOT NULL UNIQUE
);
CREATE TABLE public.members (
  id int PRIMARY KEY,
  user_id int NOT NULL CONSTRAINT members_user_id_fkey REFERENCES public.users (id),
  team_code text NOT NULL CONSTRAINT members_team_code_fkey REFERENCES public.teams (code),
  invited_by int
);
