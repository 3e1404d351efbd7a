SELECT COUNT(*), COUNT(DISTINCT id), MIN(id), MAX(id) FROM log_lines;
SELECT msg, level FROM log_lines ORDER BY msg, level;
