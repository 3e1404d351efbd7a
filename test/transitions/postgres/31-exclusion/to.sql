-- what this covers: an exclusion constraint (gist, with a WHERE) added over existing rows and another dropped.

CREATE TABLE public.bookings (
  id int PRIMARY KEY,
  room int NOT NULL,
  during tsrange NOT NULL,
  CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&) WHERE (room > 0)
);
CREATE TABLE public.shifts (
  id int PRIMARY KEY,
  span tsrange NOT NULL
);
