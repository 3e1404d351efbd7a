CREATE TABLE public.bookings (
  id int PRIMARY KEY,
  room int NOT NULL,
  during tsrange NOT NULL
);
CREATE TABLE public.shifts (
  id int PRIMARY KEY,
  span tsrange NOT NULL,
  CONSTRAINT shifts_no_overlap EXCLUDE USING gist (span WITH &&)
);
