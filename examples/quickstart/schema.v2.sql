-- Version 2 of the quickstart schema. Compared with schema.sql: comments.body is no longer
-- limited to 2000 characters (varchar(2000) -> text), and comments get an index for listing a
-- post's comments in order.

CREATE TYPE post_status AS ENUM ('draft', 'published', 'archived');

CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email varchar(255) NOT NULL UNIQUE,
  display_name varchar(100) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE posts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  author_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title varchar(200) NOT NULL,
  body text NOT NULL DEFAULT '',
  status post_status NOT NULL DEFAULT 'draft',
  published_at timestamptz
);

CREATE INDEX posts_author_id_idx ON posts (author_id);

CREATE TABLE comments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  author_id bigint REFERENCES users (id) ON DELETE SET NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX comments_post_id_created_at_idx ON comments (post_id, created_at);

CREATE VIEW published_posts AS
  SELECT p.id, p.title, u.display_name AS author, p.published_at
  FROM posts p
  JOIN users u ON u.id = p.author_id
  WHERE p.status = 'published';
