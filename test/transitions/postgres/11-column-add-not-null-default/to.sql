-- what this covers: NOT NULL columns with constant and expression defaults added to a table that has rows.

CREATE TABLE public.tasks (
  id int PRIMARY KEY,
  title text NOT NULL,
  status text NOT NULL DEFAULT 'new',
  priority int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  labels text[] NOT NULL DEFAULT '{}'
);
