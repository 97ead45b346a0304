-- Wrong: ROW_NUMBER gives tied salaries different numbers, so ties get different ranks and
-- employees tied with a top earner can fall past 3 and be dropped.
WITH ranked AS (
    SELECT e.name, e.salary, e.department_id,
           ROW_NUMBER() OVER (PARTITION BY e.department_id ORDER BY e.salary DESC) AS salary_rank
    FROM employees AS e
    WHERE e.department_id IS NOT NULL
)
SELECT d.name AS department, r.name AS employee, r.salary, r.salary_rank
FROM ranked AS r
JOIN departments AS d ON d.id = r.department_id
WHERE r.salary_rank <= 3
ORDER BY department, r.salary DESC, employee;
