SELECT * FROM counters ORDER BY id;
SELECT MAX(hits) + 1, MIN(delta) - 1 FROM counters;
