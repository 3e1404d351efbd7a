SELECT id, amount, ratio, precise, BIN(flags) FROM measurements ORDER BY id;
