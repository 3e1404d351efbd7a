SELECT id FROM a_plain UNION ALL SELECT id FROM b_commented ORDER BY 1;
