#!/usr/bin/env python3
"""Regenerates data/sample and data/secret for index-for-order-lookup. Deterministic: the data
is made inside each .in by recursive CTEs with fixed formulas (no random()).

Run from anywhere: python3 generators/gen.py
Each test is a list of steps: a statement and what it must do. A `rows` step's rows are
computed here by running the test on the problem's schema in Python's sqlite3, once without
any index and once with the reference indexes, which must agree. A `plan` step holds the
statement's plan (EXPLAIN QUERY PLAN) to a rule: `uses_index_on` orders (SEARCH orders USING
...), `no_scan_of` orders, or `no_scan` at all. Step queries name tables without aliases: SQLite's
plan names a table by its alias.
"""
import json
import os
import sqlite3

HERE = os.path.dirname(os.path.abspath(__file__))
PROBLEM = os.path.join(HERE, "..")
DATA = os.path.join(PROBLEM, "data")
REFERENCE = os.path.join(PROBLEM, "submissions", "accepted", "composite_and_range.sql")

# The application's queries, as the statement lists them.
LATEST = "SELECT id, status, created_at, total_cents FROM orders WHERE customer_id = {} ORDER BY created_at DESC, id DESC LIMIT 10;"
PENDING = "SELECT id, total_cents FROM orders WHERE customer_id = {} AND status = 'pending';"
DAY = "SELECT count(*), sum(total_cents) FROM orders WHERE created_at >= '{}' AND created_at < '{}';"
BY_EMAIL = "SELECT orders.id, orders.status FROM customers JOIN orders ON orders.customer_id = customers.id WHERE customers.email = '{}';"

INDEXED = {"uses_index_on": "orders"}
INDEXED_NO_SCAN = {"uses_index_on": "orders", "no_scan_of": "orders"}
NO_SCAN = {"uses_index_on": "orders", "no_scan": True}
# What the database holds besides indexes, checked last in every test: a plan names objects, not
# what they are, so a submission that turned orders into a view reading the table "by its key"
# (WHERE id >= -9223372036854775808, with INSTEAD OF triggers for the writes) passed every plan
# step with no index at all. Only indexes may be added: the tables stay as given, and there are
# no views, triggers, other tables (nor ANALYZE's statistics), temporary ones included.
ONLY_INDEXES = ("SELECT type, name, sql FROM sqlite_schema WHERE type <> 'index' "
                "UNION ALL SELECT type, name, sql FROM sqlite_temp_schema;")


def customers(n):
    """n customers: c1@example.com, ... in four countries."""
    return (f"WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {n}) "
            "INSERT INTO customers (id, email, country) "
            "SELECT i, 'c' || i || '@example.com', CASE i % 4 WHEN 0 THEN 'NL' WHEN 1 THEN 'DE' WHEN 2 THEN 'FR' ELSE 'US' END FROM k;")


def orders(n, n_customers, start=1, hot=None):
    """n orders with ids from `start`, spread over the customers (every fiftieth to customer `hot`
    when given), 10% pending, placed at minutes spread over 2024."""
    customer = f"(i * 48271) % {n_customers} + 1"
    if hot is not None:
        customer = f"CASE WHEN i % 50 = 0 THEN {hot} ELSE {customer} END"
    return (f"WITH RECURSIVE k(i) AS (SELECT {start} UNION ALL SELECT i + 1 FROM k WHERE i < {start + n - 1}) "
            "INSERT INTO orders (id, customer_id, status, created_at, total_cents) "
            f"SELECT i, {customer}, "
            "CASE (i * 31) % 20 WHEN 0 THEN 'pending' WHEN 1 THEN 'pending' WHEN 2 THEN 'cancelled' WHEN 3 THEN 'paid' ELSE 'shipped' END, "
            "datetime('2024-01-01 00:00:00', '+' || ((i * 7919) % 527040) || ' minutes'), "
            "100 + (i * 7907) % 25000 FROM k;")


def ok(sql, says):
    return sql, {"expect": "ok", "says": says}


def rows(sql, says):
    return sql, {"expect": "rows", "rows": None, "says": says}


def plan(sql, rule, says):
    return sql, {"expect": "plan", **rule, "says": says}


def run(steps, index_sql):
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    with open(os.path.join(PROBLEM, "schema.sql")) as f:
        db.executescript(f.read())
    db.executescript(index_sql)
    out = []
    for sql, _ in steps:
        out.append(([list(r) for r in db.execute(sql)], [r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql)]))
    return out


def write(group, name, steps):
    with open(REFERENCE) as f:
        reference = f.read()
    steps = steps + [rows(ONLY_INDEXES, "only indexes were added: the tables are as given, with no views, triggers or other tables")]
    bare, indexed = run(steps, ""), run(steps, reference)
    answer = []
    for (sql, step), (got, _), (got_indexed, how) in zip(steps, bare, indexed):
        assert sorted(map(json.dumps, got)) == sorted(map(json.dumps, got_indexed)), (name, sql)
        if step["expect"] == "rows":
            step = {"expect": "rows", "rows": got, "says": step["says"]}
        if step["expect"] == "plan":
            assert any(l.startswith("SEARCH orders USING") for l in how), (name, sql, how)
        answer.append(step)
    path = os.path.join(DATA, group, name)
    with open(path + ".in", "w") as f:
        f.writelines(sql + "\n" for sql, _ in steps)
    with open(path + ".ans", "w") as f:
        f.write("[" + ",\n ".join(json.dumps(s) for s in answer) + "]\n")


def every_query(customer, email, day, next_day, what):
    return [
        rows(LATEST.format(customer), f"{what}: a customer's latest orders are right"),
        plan(LATEST.format(customer), INDEXED_NO_SCAN, "a customer's latest orders are found through an index on orders"),
        rows(PENDING.format(customer), f"{what}: a customer's pending orders are right"),
        plan(PENDING.format(customer), INDEXED_NO_SCAN, "a customer's pending orders are found through an index on orders"),
        rows(DAY.format(day, next_day), f"{what}: a day's orders are right"),
        plan(DAY.format(day, next_day), INDEXED_NO_SCAN, "a day's orders are found through an index on orders"),
        rows(BY_EMAIL.format(email), f"{what}: the orders of a customer looked up by email are right"),
        plan(BY_EMAIL.format(email), NO_SCAN, "the orders of a customer looked up by email need no full scan"),
    ]


def main():
    for group in ("sample", "secret"):
        os.makedirs(os.path.join(DATA, group), exist_ok=True)
        for f in os.listdir(os.path.join(DATA, group)):
            os.remove(os.path.join(DATA, group, f))

    write("sample", "1", [
        ok("INSERT INTO customers (id, email, country) VALUES (1, 'ann@example.com', 'NL'), (2, 'bo@example.com', 'DE');", "the customers are added"),
        ok("INSERT INTO orders (id, customer_id, status, created_at, total_cents) VALUES "
           "(1, 1, 'shipped', '2024-04-30 18:00:00', 2500), (2, 2, 'pending', '2024-05-01 09:30:00', 1200), "
           "(3, 1, 'pending', '2024-05-01 23:59:59', 800), (4, 1, 'paid', '2024-05-02 00:00:00', 4000);", "the orders are added"),
        rows(LATEST.format(1), "a customer's latest orders are right"),
        plan(LATEST.format(1), INDEXED, "a customer's latest orders are found through an index on orders"),
        rows(DAY.format("2024-05-01", "2024-05-02"), "a day's orders are right"),
        plan(DAY.format("2024-05-01", "2024-05-02"), INDEXED, "a day's orders are found through an index on orders"),
    ])

    big = [ok(customers(5000), "5,000 customers are added"), ok(orders(100000, 5000), "100,000 orders are added")]
    write("secret", "01-large-latest-orders", big + [
        rows(LATEST.format(42), "a customer's latest orders are right"),
        rows(LATEST.format(4999), "another customer's latest orders are right"),
        rows(LATEST.format(5001), "a customer who does not exist has no orders"),
        plan(LATEST.format(42), INDEXED, "a customer's latest orders are found through an index on orders"),
        plan(LATEST.format(42), {"no_scan_of": "orders"}, "a customer's latest orders are not found by reading all orders (in any order)"),
    ])
    write("secret", "02-large-pending-orders", big + [
        rows(PENDING.format(42), "a customer's pending orders are right"),
        rows(PENDING.format(17), "another customer's pending orders are right"),
        plan(PENDING.format(42), INDEXED, "a customer's pending orders are found through an index on orders"),
        plan(PENDING.format(17), {"no_scan_of": "orders"}, "a customer's pending orders are not found by reading all orders"),
    ])
    write("secret", "03-large-orders-of-a-day", big + [
        rows(DAY.format("2024-05-01", "2024-05-02"), "a day's orders are right"),
        rows(DAY.format("2024-12-31", "2025-01-01"), "the year's last day's orders are right"),
        rows(DAY.format("2024-03-01", "2024-04-01"), "a month's orders are right"),
        plan(DAY.format("2024-05-01", "2024-05-02"), INDEXED, "a day's orders are found through an index on orders"),
        plan(DAY.format("2024-03-01", "2024-04-01"), {"no_scan": True}, "a month's orders are not found by reading all orders"),
    ])
    write("secret", "04-large-orders-by-email", big + [
        rows(BY_EMAIL.format("c42@example.com"), "the orders of a customer looked up by email are right"),
        rows(BY_EMAIL.format("nobody@example.com"), "an unknown email has no orders"),
        plan(BY_EMAIL.format("c42@example.com"), INDEXED, "a customer's orders are found through an index on orders after the email lookup"),
        plan(BY_EMAIL.format("c42@example.com"), {"no_scan": True}, "looking orders up by email reads no table in full"),
    ])
    write("secret", "05-large-after-writes", big + [
        ok("UPDATE orders SET status = 'paid' WHERE customer_id = 42 AND status = 'pending';", "a customer's pending orders are paid"),
        ok("DELETE FROM orders WHERE created_at >= '2024-05-01' AND created_at < '2024-05-01 12:00:00';", "a morning's orders are deleted"),
        ok(orders(2000, 5000, start=100001), "2,000 more orders are added"),
        ok("UPDATE orders SET created_at = '2024-05-01 08:00:00', customer_id = 42, status = 'pending' WHERE id IN (100001, 100002, 100003);", "three orders are moved to customer 42, pending, on May 1st"),
    ] + every_query(42, "c42@example.com", "2024-05-01", "2024-05-02", "after writes"))
    write("secret", "06-edge-empty-tables", every_query(1, "c1@example.com", "2024-05-01", "2024-05-02", "with no data"))
    write("secret", "07-edge-day-boundaries", [
        ok("INSERT INTO customers (id, email, country) VALUES (1, 'ann@example.com', 'NL'), (2, 'bo@example.com', 'DE');", "the customers are added"),
        ok("INSERT INTO orders (id, customer_id, status, created_at, total_cents) VALUES "
           "(1, 1, 'paid', '2024-04-30 23:59:59', 1), (2, 1, 'paid', '2024-05-01 00:00:00', 10), (3, 2, 'pending', '2024-05-01 12:00:00', 100), "
           "(4, 2, 'pending', '2024-05-01 23:59:59', 1000), (5, 1, 'shipped', '2024-05-02 00:00:00', 10000), (6, 1, 'pending', '2024-05-01 00:00:00', 0);",
           "orders just before, at and after the day's edges are added"),
        rows(DAY.format("2024-05-01", "2024-05-02"), "a day's orders include its first second and exclude the next day's"),
        rows(LATEST.format(1), "orders at the same time come newest id first"),
        rows(PENDING.format(1), "a pending order of 0 cents is listed"),
    ] + every_query(2, "bo@example.com", "2024-05-01", "2024-05-02", "at the edges"))
    write("secret", "08-large-skewed-customer", [
        ok(customers(5000), "5,000 customers are added"),
        ok(orders(150000, 5000, hot=7), "150,000 orders are added, one in fifty of them customer 7's"),
    ] + every_query(7, "c7@example.com", "2024-08-15", "2024-08-16", "with one customer holding 3,000 orders"))


if __name__ == "__main__":
    main()
