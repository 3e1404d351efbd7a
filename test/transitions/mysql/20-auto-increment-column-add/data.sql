INSERT INTO log_lines VALUES ('boot', 0), ('warn disk', 2), ('error net', 3), ('boot', 0);
