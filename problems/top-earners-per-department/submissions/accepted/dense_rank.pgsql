-- DENSE_RANK numbers the distinct salaries of each department 1, 2, 3, ... with equal
-- salaries sharing a rank and no gaps after a tie, so rank <= 3 keeps the top three salaries
-- and everyone earning them. Employees without a department have no department to rank in.
WITH ranked AS (
    SELECT e.name,
           e.salary,
           e.department_id,
           DENSE_RANK() OVER (PARTITION BY e.department_id ORDER BY e.salary DESC) AS salary_rank
    FROM employees AS e
    WHERE e.department_id IS NOT NULL
)
SELECT d.name        AS department,
       r.name        AS employee,
       r.salary      AS salary,
       r.salary_rank AS salary_rank
FROM ranked AS r
JOIN departments AS d ON d.id = r.department_id
WHERE r.salary_rank <= 3
ORDER BY department, salary DESC, employee;
