#!/usr/bin/env python3
"""Regenerates data/sample and data/secret for top-earners-per-department. Deterministic (fixed
seeds).

Run from anywhere: python3 generators/gen.py
A test's .in is SQL run after schema.sql: INSERTs, or for the large tests INSERT ... SELECT over
a recursive CTE, so that the big tables are built by the database and no big file is shipped.
Its .ans is the reference query's result set on that data, as one line of JSON
{"columns": [...], "rows": [[...], ...]}, computed here with Python's sqlite3.
"""
import json
import os
import random
import sqlite3
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROBLEM = os.path.join(HERE, "..")
DATA = os.path.join(PROBLEM, "data")
REFERENCE = os.path.join(PROBLEM, "submissions", "accepted", "dense_rank.sql")

FIRST = ["Ana", "Ben", "Chloe", "Dev", "Emma", "Farid", "Grace", "Hugo", "Ines", "Jamal",
         "Kofi", "Lea", "Max", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq"]
LAST = ["Alves", "Brown", "Chen", "Diaz", "Eze", "Fischer", "Garcia", "Haddad", "Ito", "Jensen",
        "Kim", "Lopez", "Moreau", "Nowak", "Okafor", "Patel"]
DEPARTMENTS = ["Engineering", "Sales", "Support", "Research", "Legal", "Finance", "Marketing",
               "Operations", "Design", "Security", "Data", "Facilities", "Procurement",
               "Logistics", "Training", "Quality", "Payroll", "Recruiting", "Platform", "Mobile"]


def connect():
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    with open(os.path.join(PROBLEM, "schema.sql")) as f:
        db.executescript(f.read())
    return db


def result_set(db, sql):
    """The rows of the last statement of `sql` (earlier ones run first), as the judge takes them."""
    statements, current = [], ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current)
            current = ""
    if current.strip():
        statements.append(current)
    for s in statements[:-1]:
        db.execute(s)
    cur = db.execute(statements[-1])
    rows = [list(r) for r in cur.fetchall()]
    return {"columns": [d[0] for d in cur.description], "rows": rows}


def sql_value(v):
    if v is None:
        return "NULL"
    if isinstance(v, str):
        return "'" + v.replace("'", "''") + "'"
    return str(v)


def inserts(table, columns, rows):
    if not rows:
        return ""
    values = ",\n".join("  (" + ", ".join(sql_value(v) for v in r) + ")" for r in rows)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES\n{values};\n"


def data_sql(departments, employees):
    """departments: (id, name); employees: (id, name, department_id or None, salary)."""
    sql = (inserts("departments", ["id", "name"], departments)
           + inserts("employees", ["id", "name", "department_id", "salary"], employees))
    return sql or "-- No rows: both tables are empty.\n"


def write(group, name, sql, large=False):
    path = os.path.join(DATA, group, name)
    with open(path + ".in", "w") as f:
        f.write(sql)
    db = connect()
    start = time.perf_counter()
    db.executescript(sql)
    filled = time.perf_counter()
    with open(REFERENCE) as f:
        result = result_set(db, f.read())
    done = time.perf_counter()
    with open(path + ".ans", "w") as f:
        f.write(json.dumps(result) + "\n")
    assert os.path.getsize(path + ".in") < 200_000 and os.path.getsize(path + ".ans") < 1_000_000
    counts = [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("departments", "employees")]
    print(f"{group}/{name}: {counts} rows, {len(result['rows'])} in the result; "
          f"data {filled - start:.2f} s, reference {done - filled:.2f} s")
    if large:
        assert done - filled < 0.5, "the reference must stay well under a second"


def random_company(rng, n_departments, n_employees, salaries, unassigned=0.05):
    """Employees spread unevenly over the departments (some stay empty), salaries drawn from
    `salaries` (few values: many ties)."""
    names = rng.sample(DEPARTMENTS, n_departments)
    dept_ids = rng.sample(range(1, 100), n_departments)
    departments = list(zip(dept_ids, names))
    used = dept_ids[: max(1, n_departments - 1)]
    weights = [rng.randint(1, 6) for _ in used]
    employees = []
    for eid in rng.sample(range(1, 10 * n_employees + 1), n_employees):
        dept = None if rng.random() < unassigned else rng.choices(used, weights)[0]
        employees.append((eid, f"{rng.choice(FIRST)} {rng.choice(LAST)}", dept, rng.choice(salaries)))
    rng.shuffle(departments)
    return departments, employees


def values_cte(name, words):
    return f"{name}(k, v) AS (VALUES " + ", ".join(f"({k}, '{w}')" for k, w in enumerate(words)) + ")"


def large_sql(n_departments, n_employees, department, salary):
    """Departments named '<base> <n>'; employees with names from FIRST x LAST, their department
    and salary given by SQL expressions of the employee number i. No random(): the same rows on
    every run. Runs on SQLite and PostgreSQL alike. CROSS JOIN (its conditions in WHERE) keeps
    the counter n the outer loop: with a plain JOIN, SQLite may scan the small name lists
    outside and rebuild n for each of their rows."""
    return f"""-- {n_departments} departments, {n_employees} employees.
WITH RECURSIVE
  n(i) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < {n_departments}),
  {values_cte("base_names", DEPARTMENTS)}
INSERT INTO departments (id, name)
SELECT i, base_names.v || ' ' || ((i - 1) / {len(DEPARTMENTS)} + 1)
FROM n CROSS JOIN base_names
WHERE base_names.k = (i - 1) % {len(DEPARTMENTS)};

WITH RECURSIVE
  n(i) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < {n_employees}),
  {values_cte("first_names", FIRST)},
  {values_cte("last_names", LAST)}
INSERT INTO employees (id, name, department_id, salary)
SELECT i, first_names.v || ' ' || last_names.v, {department}, {salary}
FROM n
CROSS JOIN first_names
CROSS JOIN last_names
WHERE first_names.k = (i * 7 + i / 89) % {len(FIRST)}
  AND last_names.k = (i * 11 + i / 17) % {len(LAST)};
"""


def main():
    for group in ("sample", "secret"):
        os.makedirs(os.path.join(DATA, group), exist_ok=True)
        for f in os.listdir(os.path.join(DATA, group)):
            os.remove(os.path.join(DATA, group, f))
    rng = random.Random(20240916)

    # The statement's examples.
    write("sample", "1", data_sql(
        [(1, "Engineering"), (2, "Sales")],
        [(1, "Ana", 1, 9000), (2, "Ben", 1, 8500), (3, "Chloe", 1, 8500), (4, "Dev", 1, 7000),
         (5, "Emma", 1, 6000), (6, "Farid", 2, 5000), (7, "Grace", 2, 4000), (8, "Hugo", 2, 5000)]))
    write("sample", "2", data_sql(
        [(1, "Support"), (2, "Research"), (3, "Legal")],
        [(1, "Ines", 2, 7000), (2, "Jamal", 2, 7000), (3, "Kofi", 2, 7000), (4, "Lea", 2, 6500),
         (5, "Max", 1, 4200), (6, "Nora", 1, 3900), (7, "Omar", 1, 3600), (8, "Priya", 1, 3300),
         (9, "Quinn", 1, 3600), (10, "Rosa", None, 9900)]))

    write("secret", "01-empty", data_sql([], []))
    # Departments but nobody works in them (the only employee is in none).
    write("secret", "02-no-employees", data_sql([(1, "Legal"), (2, "Design")], [(1, "Omar", None, 5000)]))
    write("secret", "03-all-unassigned", data_sql(
        [(4, "Data")], [(1, "Ana", None, 3000), (2, "Ben", None, 2000), (3, "Chloe", None, 1000)]))
    # One, two and three distinct salaries: everyone is in the top three.
    write("secret", "04-fewer-than-three", data_sql(
        [(1, "Finance"), (2, "Design"), (3, "Payroll")],
        [(1, "Sven", 1, 4100), (2, "Rosa", 2, 3900), (3, "Quinn", 2, 5200), (4, "Lea", 3, 100),
         (5, "Hugo", 3, 200), (6, "Kofi", 3, 300), (7, "Dev", 3, 200)]))
    write("secret", "05-all-equal", data_sql(
        [(1, "Quality")], [(i, n, 1, 4800) for i, n in enumerate(["Tariq", "Emma", "Ben", "Nora", "Ana", "Max"], 1)]))
    # Many employees share the third salary: all of them stay, the fourth salary goes.
    write("secret", "06-ties-at-third", data_sql(
        [(1, "Mobile"), (2, "Data")],
        [(1, "Ana", 1, 9000), (2, "Ben", 1, 8000), (3, "Chloe", 1, 7000), (4, "Dev", 1, 7000),
         (5, "Emma", 1, 7000), (6, "Farid", 1, 7000), (7, "Grace", 1, 6999), (8, "Hugo", 2, 500),
         (9, "Ines", 2, 400), (10, "Jamal", 2, 300), (11, "Kofi", 2, 300), (12, "Lea", 2, 200)]))
    # Ties at the top and second: 1, 1, 1, 2, 2, 3 and the fourth salary out.
    write("secret", "07-ties-at-top", data_sql(
        [(3, "Security")],
        [(10, "Sven", 3, 12000), (11, "Omar", 3, 12000), (12, "Priya", 3, 12000), (13, "Max", 3, 9500),
         (14, "Nora", 3, 9500), (15, "Quinn", 3, 9000), (16, "Rosa", 3, 8000), (17, "Tariq", 3, 8000)]))
    # Same names in a department (equal rows stay twice); department ids not in name order.
    write("secret", "08-duplicate-names", data_sql(
        [(1, "Training"), (2, "Design"), (3, "Logistics")],
        [(1, "Max Kim", 1, 3000), (2, "Max Kim", 1, 3000), (3, "Max Kim", 1, 2000), (4, "Ana Ito", 2, 5000),
         (5, "Ana Ito", 3, 5000), (6, "Ana Ito", 2, 4000), (7, "Ben Eze", 3, 1000), (8, "Ben Eze", 1, 1000),
         (9, "Ben Eze", 2, 1000), (10, "Chloe Diaz", 2, 3000)]))
    write("secret", "09-small-random", data_sql(*random_company(rng, 5, 40, [3000, 3500, 4000, 4200, 5000, 6500, 8000])))
    write("secret", "10-medium-random", data_sql(*random_company(rng, 12, 1500, list(range(30000, 120001, 2500)), 0.08)))

    # 100 000 employees in 200 departments, 1 in 20 in none; salaries over a wide range.
    write("secret", "11-large-random", large_sql(
        200, 100000, "CASE WHEN i % 20 = 7 THEN NULL ELSE 1 + i * 40503 % 200 END",
        "30000 + i * 2654435761 % 170001"), large=True)
    # 120 000 employees in 40 departments, salaries in steps of 1000: big ties at every rank.
    write("secret", "12-large-ties", large_sql(
        40, 120000, "CASE WHEN i % 50 = 0 THEN NULL ELSE 1 + i * 7 % 40 END",
        "30000 + (i * 7919 % 171) * 1000"), large=True)


if __name__ == "__main__":
    main()
