-- Wrong: without PARTITION BY the ranking runs over the whole company, so only the three
-- highest salaries overall are kept, whatever their department.
WITH ranked AS (
    SELECT e.name, e.salary, e.department_id,
           DENSE_RANK() OVER (ORDER BY e.salary DESC) AS salary_rank
    FROM employees AS e
    WHERE e.department_id IS NOT NULL
)
SELECT d.name AS department, r.name AS employee, r.salary, r.salary_rank
FROM ranked AS r
JOIN departments AS d ON d.id = r.department_id
WHERE r.salary_rank <= 3
ORDER BY department, r.salary DESC, employee;
