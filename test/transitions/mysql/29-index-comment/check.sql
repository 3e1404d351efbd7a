SELECT * FROM visits ORDER BY id;
