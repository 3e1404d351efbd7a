SELECT * FROM readings ORDER BY sensor, taken_at;
