CREATE TABLE public.users (
  id bigint PRIMARY KEY,
  email text NOT NULL,
  team int
);
CREATE INDEX users_team_idx ON public.users (team);
