INSERT INTO public.lines (id, price, qty) VALUES (1, 2.50, 4), (2, 10, 3);
INSERT INTO public.shapes (id, side) VALUES (1, 3), (2, 5);
