-- what this covers: text->integer and varchar->uuid have no assignment cast; the desired SQL cannot say USING, so the planner must add USING "col"::type.

CREATE TABLE public.orders (
  id int PRIMARY KEY,
  qty integer NOT NULL,
  ref uuid
);
