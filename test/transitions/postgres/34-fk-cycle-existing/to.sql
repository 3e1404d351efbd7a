-- what this covers: an FK cycle created between two existing tables (with rows), plus a self-reference.

CREATE TABLE public.departments (
  id int PRIMARY KEY,
  manager_id int
);
CREATE TABLE public.employees (
  id int PRIMARY KEY,
  department_id int CONSTRAINT employees_department_fkey REFERENCES public.departments (id),
  mentor_id int CONSTRAINT employees_mentor_fkey REFERENCES public.employees (id)
);
ALTER TABLE public.departments ADD CONSTRAINT departments_manager_fkey FOREIGN KEY (manager_id) REFERENCES public.employees (id);
