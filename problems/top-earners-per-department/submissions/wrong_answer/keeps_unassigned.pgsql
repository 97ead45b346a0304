-- Wrong: the LEFT JOIN keeps employees without a department, ranked in a NULL "department"
-- of their own; they belong to no department and must not appear.
WITH ranked AS (
    SELECT e.name, e.salary, e.department_id,
           DENSE_RANK() OVER (PARTITION BY e.department_id ORDER BY e.salary DESC) AS salary_rank
    FROM employees AS e
)
SELECT d.name AS department, r.name AS employee, r.salary, r.salary_rank
FROM ranked AS r
LEFT JOIN departments AS d ON d.id = r.department_id
WHERE r.salary_rank <= 3
ORDER BY department, r.salary DESC, employee;
