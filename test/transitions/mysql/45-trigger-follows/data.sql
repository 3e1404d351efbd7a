INSERT INTO labels (name) VALUES ('  first  ');
