INSERT INTO articles (title, body, tags) VALUES
  ('Databases for beginners', 'Tables, rows and indexes explained.', 'sql intro'),
  ('Gardening', 'Tomatoes need sunshine and water.', 'garden'),
  ('Schema migrations', 'Planning changes to a database schema safely.', 'sql ops');
