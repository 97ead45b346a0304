#!/usr/bin/env python3
"""Regenerates data/sample and data/secret for customer-order-totals. Deterministic (fixed seeds).

Run from anywhere: python3 generators/gen.py
A test's .in is SQL run after schema.sql: INSERTs, or for the large tests INSERT ... SELECT over
a recursive CTE, so that the big tables are built by the database and no big file is shipped.
Its .ans is the reference query's result set on that data, as one line of JSON
{"columns": [...], "rows": [[...], ...]}, computed here with Python's sqlite3.
"""
import json
import datetime
import os
import random
import sqlite3
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROBLEM = os.path.join(HERE, "..")
DATA = os.path.join(PROBLEM, "data")
REFERENCE = os.path.join(PROBLEM, "submissions", "accepted", "per_order_subquery.sql")

FIRST = ["Ana", "Ben", "Chloe", "Dev", "Emma", "Farid", "Grace", "Hugo", "Ines", "Jamal",
         "Kofi", "Lea", "Max", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq"]
LAST = ["Alves", "Brown", "Chen", "Diaz", "Eze", "Fischer", "Garcia", "Haddad", "Ito", "Jensen",
        "Kim", "Lopez", "Moreau", "Nowak", "Okafor", "Patel"]
PRODUCTS = ["Mug", "Tea", "Lamp", "Notebook", "Pen", "Chair", "Desk", "Cable", "Charger",
            "Backpack", "Bottle", "Headphones", "Socks", "Plant", "Poster", "Candle"]


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


def data_sql(customers, orders, items):
    """customers: (id, name); orders: (id, customer_id, ordered_on, shipping_cents);
    items: (id, order_id, product, quantity, price_cents)."""
    with_items = {i[1] for i in items}
    assert all(o[0] in with_items for o in orders), "every order has at least one item"
    return (inserts("customers", ["id", "name"], customers)
            + inserts("orders", ["id", "customer_id", "ordered_on", "shipping_cents"], orders)
            + inserts("order_items", ["id", "order_id", "product", "quantity", "price_cents"], items))


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
    # Consistency the statement promises: every order has an item.
    assert db.execute("SELECT COUNT(*) FROM orders o WHERE NOT EXISTS "
                      "(SELECT 1 FROM order_items i WHERE i.order_id = o.id)").fetchone()[0] == 0
    with open(path + ".ans", "w") as f:
        f.write(json.dumps(result) + "\n")
    assert os.path.getsize(path + ".in") < 200_000 and os.path.getsize(path + ".ans") < 1_000_000
    counts = [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("customers", "orders", "order_items")]
    print(f"{group}/{name}: {counts} rows, {len(result['rows'])} in the result; "
          f"data {filled - start:.2f} s, reference {done - filled:.2f} s")
    if large:
        assert done - filled < 0.5, "the reference must stay well under a second"


def day(rng):
    return f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def random_shop(rng, n_customers, n_orders, max_items, buyers_share=0.8, names=None):
    names = names or [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(n_customers)]
    ids = rng.sample(range(1, 10 * n_customers + 1), n_customers)
    customers = list(zip(ids, names))
    buyers = rng.sample(ids, max(1, int(n_customers * buyers_share)))
    orders, items = [], []
    for oid in rng.sample(range(1, 10 * n_orders + 1), n_orders):
        orders.append((oid, rng.choice(buyers), day(rng), rng.choice([0, 0, 299, 499, 990])))
        for _ in range(rng.randint(1, max_items)):
            items.append((len(items) + 1, oid, rng.choice(PRODUCTS), rng.randint(1, 4), rng.choice([0, 150, 800, 1200, 2599, 4500, 19900])))
    rng.shuffle(customers)
    rng.shuffle(orders)
    rng.shuffle(items)
    return customers, orders, items


def values_cte(name, words):
    return f"{name}(k, v) AS (VALUES " + ", ".join(f"({k}, '{w}')" for k, w in enumerate(words)) + ")"


def days_cte(name, first, count):
    """`count` days from `first` as 'YYYY-MM-DD' text, numbered from 0: dates made here, as
    SQLite's date() and PostgreSQL's date arithmetic differ."""
    start = datetime.date.fromisoformat(first)
    days = [(start + datetime.timedelta(days=k)).isoformat() for k in range(count)]
    return values_cte(name, days)


def large_sql(n_customers, n_orders, n_extra_items, buyer):
    """Customers with names from FIRST x LAST (many repeated), orders for the customers `buyer`
    picks (an SQL expression of the order number i), one item per order plus n_extra_items
    spread over the orders. Every number comes from i by arithmetic: no random(). Runs on
    SQLite and PostgreSQL alike. CROSS JOIN (its conditions in WHERE) keeps the counter n the
    outer loop: with a plain JOIN, SQLite may scan the small lists outside and rebuild n for
    each of their rows."""
    return f"""-- {n_customers} customers, {n_orders} orders, {n_orders + n_extra_items} order items.
WITH RECURSIVE
  n(i) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < {n_customers}),
  {values_cte("first_names", FIRST)},
  {values_cte("last_names", LAST)}
INSERT INTO customers (id, name)
SELECT i, first_names.v || ' ' || last_names.v
FROM n
CROSS JOIN first_names
CROSS JOIN last_names
WHERE first_names.k = (i * 7 + i / 97) % {len(FIRST)}
  AND last_names.k = (i * 11 + i / 13) % {len(LAST)};

WITH RECURSIVE
  n(i) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < {n_orders}),
  {days_cte("days", "2024-01-01", 366)}
INSERT INTO orders (id, customer_id, ordered_on, shipping_cents)
SELECT i,
       {buyer},
       days.v,
       CASE WHEN i % 4 = 0 THEN 0 ELSE 299 + (i * 31 % 5) * 100 END
FROM n CROSS JOIN days
WHERE days.k = i * 37 % 366;

WITH RECURSIVE
  n(i) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < {n_orders}),
  {values_cte("product_names", PRODUCTS)}
INSERT INTO order_items (id, order_id, product, quantity, price_cents)
SELECT i, i, product_names.v, 1 + i * 13 % 4, i * 2654435761 % 40000
FROM n CROSS JOIN product_names
WHERE product_names.k = i * 5 % {len(PRODUCTS)};

WITH RECURSIVE
  n(i) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT i + 1 FROM n WHERE i < {n_extra_items}),
  {values_cte("product_names", PRODUCTS)}
INSERT INTO order_items (id, order_id, product, quantity, price_cents)
SELECT {n_orders} + i, 1 + i * 104729 % {n_orders}, product_names.v, 1 + i * 7 % 5, 50 + i * 40503 % 25000
FROM n CROSS JOIN product_names
WHERE product_names.k = i * 3 % {len(PRODUCTS)};
"""


def main():
    for group in ("sample", "secret"):
        os.makedirs(os.path.join(DATA, group), exist_ok=True)
        for f in os.listdir(os.path.join(DATA, group)):
            os.remove(os.path.join(DATA, group, f))
    rng = random.Random(20240915)

    # The statement's examples.
    write("sample", "1", data_sql(
        [(1, "Ana"), (2, "Ben"), (3, "Chloe"), (4, "Dev")],
        [(10, 1, "2024-03-01", 500), (11, 1, "2024-03-09", 0), (12, 3, "2024-03-04", 500)],
        [(1, 10, "Mug", 2, 1200), (2, 10, "Tea", 1, 800), (3, 11, "Lamp", 1, 4500), (4, 12, "Notebook", 2, 900)]))
    write("sample", "2", data_sql(
        [(1, "Zoe"), (2, "Max"), (3, "Lea"), (4, "Omar")],
        [(1, 1, "2024-05-02", 0), (2, 2, "2024-05-02", 250), (3, 3, "2024-05-03", 0),
         (4, 3, "2024-05-07", 0), (5, 4, "2024-05-08", 0)],
        [(1, 1, "Pen", 4, 250), (2, 2, "Candle", 1, 750), (3, 3, "Chair", 1, 1500),
         (4, 4, "Socks", 2, 500), (5, 5, "Poster", 1, 0)]))

    write("secret", "01-empty", "-- No rows: every table is empty.\n")
    write("secret", "02-no-orders", data_sql([(7, "Nora"), (3, "Ben"), (9, "Ana"), (1, "Kofi")], [], []))
    write("secret", "03-single-item", data_sql([(5, "Ines")], [(8, 5, "2024-01-31", 0)], [(2, 8, "Desk", 1, 15999)]))
    # One order with many lines: its shipping counts once, not once per line.
    write("secret", "04-many-items-one-order", data_sql(
        [(1, "Hugo"), (2, "Rosa"), (3, "Sven")],
        [(1, 1, "2024-06-01", 990), (2, 2, "2024-06-02", 990), (3, 2, "2024-06-03", 990)],
        [(1, 1, "Pen", 1, 150), (2, 1, "Mug", 1, 1200), (3, 1, "Tea", 3, 800), (4, 1, "Cable", 2, 999),
         (5, 1, "Plant", 1, 2500), (6, 1, "Socks", 5, 300), (7, 2, "Lamp", 1, 4500), (8, 3, "Candle", 2, 1250)]))
    # A customer whose only order is free (total 0, one order) among customers without orders.
    write("secret", "05-free-order-vs-no-orders", data_sql(
        [(1, "Quinn"), (2, "Dev"), (3, "Lea"), (4, "Ana"), (5, "Tariq")],
        [(1, 2, "2024-02-10", 0), (2, 5, "2024-02-11", 0), (3, 5, "2024-02-12", 499)],
        [(1, 1, "Poster", 1, 0), (2, 2, "Poster", 3, 0), (3, 3, "Bottle", 1, 1101)]))
    # Same names: never merged, ties broken by id.
    write("secret", "06-duplicate-names", data_sql(
        [(4, "Max Kim"), (2, "Max Kim"), (9, "Max Kim"), (5, "Ana Ito"), (1, "Ana Ito")],
        [(1, 4, "2024-07-01", 0), (2, 2, "2024-07-01", 0), (3, 9, "2024-07-02", 300), (4, 5, "2024-07-03", 0)],
        [(1, 1, "Mug", 1, 1200), (2, 2, "Tea", 1, 1200), (3, 3, "Pen", 2, 150), (4, 4, "Lamp", 1, 4500)]))
    # Many equal totals reached in different ways: ordered by name, then id.
    write("secret", "07-ties-on-total", data_sql(
        [(1, "Omar"), (2, "Emma"), (3, "Jamal"), (4, "Chloe"), (5, "Emma"), (6, "Priya"), (7, "Ben")],
        [(1, 1, "2024-08-01", 500), (2, 2, "2024-08-01", 0), (3, 3, "2024-08-02", 0), (4, 3, "2024-08-03", 1000),
         (5, 4, "2024-08-04", 0), (6, 5, "2024-08-05", 2000), (7, 6, "2024-08-06", 0)],
        [(1, 1, "Chair", 1, 1500), (2, 2, "Socks", 4, 500), (3, 3, "Pen", 2, 500), (4, 4, "Plant", 1, 0),
         (5, 5, "Desk", 1, 1000), (6, 5, "Cable", 1, 1000), (7, 6, "Poster", 1, 0), (8, 7, "Notebook", 1, 1999)]))
    # Amounts past 32 bits.
    write("secret", "08-big-amounts", data_sql(
        [(1, "Farid"), (2, "Grace"), (3, "Kofi")],
        [(1, 1, "2024-09-01", 99999), (2, 1, "2024-09-02", 99999), (3, 2, "2024-09-03", 0)],
        [(1, 1, "Desk", 5000, 1999999), (2, 2, "Chair", 3000, 2999999), (3, 3, "Lamp", 1, 2147483647),
         (4, 3, "Lamp", 2, 2147483647)]))
    write("secret", "09-small-random", data_sql(*random_shop(rng, 25, 40, 4)))
    write("secret", "10-medium-random", data_sql(*random_shop(rng, 300, 800, 4, buyers_share=0.7)))

    # ~1 in 9 customers never orders (the buyer formula skips multiples of 9). The counter i is
    # a BIGINT: products like i * 104729 pass PostgreSQL's 32-bit integer.
    buyer = "(1 + i * 7919 % 5000) - CASE WHEN (1 + i * 7919 % 5000) % 9 = 0 THEN 1 ELSE 0 END"
    write("secret", "11-large-random", large_sql(5000, 60000, 90000, buyer), large=True)
    # 100 000 orders from only 50 of 8000 customers (ids 1, 161, 321, ...): big groups, most
    # customers at 0.
    write("secret", "12-large-few-buyers", large_sql(8000, 100000, 50000, "1 + (i * 7 % 50) * 160"), large=True)


if __name__ == "__main__":
    main()
