SELECT id, name, ST_AsText(location), area FROM stores ORDER BY id;
SELECT id FROM stores WHERE MBRContains(ST_GeomFromText('POLYGON((4 52, 5 52, 5 53, 4 53, 4 52))'), location) ORDER BY id;
