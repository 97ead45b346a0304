-- Wrong: RANK leaves a gap after a tie (9000, 8500, 8500, 7000 rank 1, 2, 2, 4), so the third
-- distinct salary is ranked 4 and dropped.
WITH ranked AS (
    SELECT e.name, e.salary, e.department_id,
           RANK() OVER (PARTITION BY e.department_id ORDER BY e.salary DESC) AS salary_rank
    FROM employees AS e
    WHERE e.department_id IS NOT NULL
)
SELECT d.name AS department, r.name AS employee, r.salary, r.salary_rank
FROM ranked AS r
JOIN departments AS d ON d.id = r.department_id
WHERE r.salary_rank <= 3
ORDER BY department, r.salary DESC, employee;
