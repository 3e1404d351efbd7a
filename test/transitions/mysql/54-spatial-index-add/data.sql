INSERT INTO stores VALUES (1, 'Amsterdam', ST_GeomFromText('POINT(4.9 52.37)')), (2, 'Utrecht', ST_GeomFromText('POINT(5.12 52.09)'));
