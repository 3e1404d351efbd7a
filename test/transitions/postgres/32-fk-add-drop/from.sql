CREATE TABLE public.users (
  id int PRIMARY KEY
);
CREATE TABLE public.teams (
  id int PRIMARY KEY,
  code text NOT NULL UNIQUE
);
CREATE TABLE public.members (
  id int PRIMARY KEY,
  user_id int NOT NULL,
  team_code text NOT NULL,
  invited_by int CONSTRAINT members_invited_by_fkey REFERENCES public.users (id)
);
