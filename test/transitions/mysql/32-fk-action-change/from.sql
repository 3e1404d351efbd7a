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
  CONSTRAINT employees_department_fk FOREIGN KEY (department_id) REFERENCES departments (id) ON DELETE RESTRICT,
  CONSTRAINT employees_department_code_fk FOREIGN KEY (department_code) REFERENCES departments (code)
);
