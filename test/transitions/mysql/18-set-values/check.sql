SELECT id, colors, colors + 0, finish, finish + 0 FROM paints ORDER BY id;
