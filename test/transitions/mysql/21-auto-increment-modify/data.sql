INSERT INTO invoices VALUES (1, 'INV-1'), (2, 'INV-2'), (5, 'INV-5');
