CREATE TABLE departments (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE employees (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    department_id INTEGER REFERENCES departments(id),   -- NULL: not in any department
    salary        INTEGER NOT NULL CHECK (salary > 0)
);

CREATE INDEX employees_department_id ON employees(department_id);
