-- what this covers: two new tables referencing each other (and an existing table), which cannot be created with inline FKs.

CREATE TABLE public.users (
  id int PRIMARY KEY
);
CREATE TABLE public.authors (
  id int PRIMARY KEY,
  user_id int NOT NULL REFERENCES public.users (id),
  best_book_id int
);
CREATE TABLE public.books (
  id int PRIMARY KEY,
  author_id int NOT NULL CONSTRAINT books_author_fkey REFERENCES public.authors (id),
  sequel_of int CONSTRAINT books_sequel_fkey REFERENCES public.books (id)
);
ALTER TABLE public.authors ADD CONSTRAINT authors_best_book_fkey FOREIGN KEY (best_book_id) REFERENCES public.books (id) DEFERRABLE INITIALLY DEFERRED;
