-- what this covers: FK actions changed: ON DELETE RESTRICT -> SET NULL with ON UPDATE CASCADE, and default (NO ACTION) -> ON DELETE CASCADE ON UPDATE CASCADE; same names and columns, rows kept.

CREATE TABLE departments (
  id INT NOT NULL,
  code VARCHAR(10) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY departments_code (code)
);

CREATE TABLE employees (
  id INT NOT NULL,
  department_id INT NULL,
  department_code VARCHAR(10) NULL,
  PRIMARY KEY (id),
  CONSTRAINT employees_department_fk FOREIGN KEY (department_id) REFERENCES departments (id) ON DELETE SET NULL ON UPDATE CASCADE,
  CONSTRAINT employees_department_code_fk FOREIGN KEY (department_code) REFERENCES departments (code) ON DELETE CASCADE ON UPDATE CASCADE
);
