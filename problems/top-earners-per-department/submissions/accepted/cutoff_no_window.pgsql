-- Without window functions: the first, second and third highest distinct salaries of each
-- department (NULL when it has fewer), once per department; an employee is kept when earning
-- at least the lowest of them, and their rank is which of the three they earn.
-- MATERIALIZED computes the three salaries once per department, not once per employee
-- (SQLite would otherwise fold the CTE into the outer query).
WITH top_salaries AS MATERIALIZED (
    SELECT d.id,
           d.name,
           (SELECT MAX(x.salary) FROM employees AS x WHERE x.department_id = d.id) AS top1,
           (SELECT DISTINCT x.salary FROM employees AS x WHERE x.department_id = d.id
            ORDER BY x.salary DESC LIMIT 1 OFFSET 1) AS top2,
           (SELECT DISTINCT x.salary FROM employees AS x WHERE x.department_id = d.id
            ORDER BY x.salary DESC LIMIT 1 OFFSET 2) AS top3
    FROM departments AS d
)
SELECT t.name AS department,
       e.name AS employee,
       e.salary,
       CASE e.salary WHEN t.top1 THEN 1 WHEN t.top2 THEN 2 ELSE 3 END AS salary_rank
FROM top_salaries AS t
JOIN employees AS e ON e.department_id = t.id
WHERE e.salary >= COALESCE(t.top3, t.top2, t.top1)
ORDER BY department, e.salary DESC, employee;
