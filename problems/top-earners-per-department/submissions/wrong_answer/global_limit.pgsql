-- Wrong: LIMIT 3 applies to the whole result, not to each department: at most three rows in
-- all, and ties past the third row are cut.
SELECT d.name AS department,
       e.name AS employee,
       e.salary,
       DENSE_RANK() OVER (PARTITION BY e.department_id ORDER BY e.salary DESC) AS salary_rank
FROM employees AS e
JOIN departments AS d ON d.id = e.department_id
ORDER BY department, e.salary DESC, employee
LIMIT 3;
