INSERT INTO names VALUES (1, 'café', 'C1'), (2, 'Müller', 'M2'), (3, 'naïve façade', 'N3');
