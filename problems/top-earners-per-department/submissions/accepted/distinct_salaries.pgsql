-- Ranks the distinct salaries of each department (ROW_NUMBER over distinct values is a dense
-- rank), keeps the top three, then joins back every employee earning one of them.
WITH salaries AS (
    SELECT DISTINCT department_id, salary
    FROM employees
    WHERE department_id IS NOT NULL
),
top_salaries AS (
    SELECT department_id, salary,
           ROW_NUMBER() OVER (PARTITION BY department_id ORDER BY salary DESC) AS salary_rank
    FROM salaries
)
SELECT d.name AS department, e.name AS employee, e.salary, t.salary_rank
FROM top_salaries AS t
JOIN employees AS e ON e.department_id = t.department_id AND e.salary = t.salary
JOIN departments AS d ON d.id = t.department_id
WHERE t.salary_rank <= 3
ORDER BY d.name, e.salary DESC, e.name;
