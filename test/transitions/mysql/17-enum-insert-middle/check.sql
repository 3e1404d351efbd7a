SELECT id, priority, priority + 0, kind, kind + 0 FROM tickets ORDER BY id;
SELECT id FROM tickets ORDER BY priority DESC, id;
