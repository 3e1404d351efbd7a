SELECT id, status, status + 0, channel, channel + 0 FROM orders ORDER BY id;
