#!/usr/bin/env python3
"""Regenerates data/sample and data/secret for ecommerce-schema. Deterministic (no randomness).

Run from anywhere: python3 generators/gen.py
Each test is a list of steps: a statement, what it must do (ok, rows, a violation or a SQLSTATE
class) and what it checks in the statement's words. The .in gets the statements, one per line
(the judge runs each on its own against the candidate's schema, foreign keys on); the .ans the
steps' expectations as a JSON list.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")

OK, ROWS = "ok", "rows"
UNIQUE, FK, NOT_NULL, CHECK = "unique_violation", "foreign_key_violation", "not_null_violation", "check_violation"
REFUSED = "23"  # any integrity violation: how a refusal is reported is the schema's choice

CUSTOMER = "INSERT INTO customers (id, email, name) VALUES ({}, '{}', '{}');"
PRODUCT = "INSERT INTO products (id, sku, name, price_cents, stock) VALUES ({}, '{}', '{}', {}, {});"
ORDER = "INSERT INTO orders (id, customer_id, status, created_at) VALUES ({}, {}, '{}', '{}');"
ITEM = "INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents) VALUES ({}, {}, {}, {});"


def step(sql, expect, says, rows=None):
    s = {"expect": expect}
    if expect == ROWS:
        s["rows"] = rows
    s["says"] = says
    return sql, s


def write(group, name, steps):
    path = os.path.join(DATA, group, name)
    assert all(sql.endswith(";") and "\n" not in sql for sql, _ in steps)
    with open(path + ".in", "w") as f:
        f.writelines(sql + "\n" for sql, _ in steps)
    with open(path + ".ans", "w") as f:
        f.write("[" + ",\n ".join(json.dumps(s) for _, s in steps) + "]\n")


def shop():
    """Two customers, three products, an order of ann's with two lines: the setup most tests
    start from."""
    return [
        step(CUSTOMER.format(1, "ann@example.com", "Ann"), OK, "a customer can sign up"),
        step(CUSTOMER.format(2, "bo@example.com", "Bo"), OK, "a second customer with another email can sign up"),
        step(PRODUCT.format(1, "MUG-01", "Mug", 1250, 10), OK, "a product can be added"),
        step(PRODUCT.format(2, "TEE-M", "T-shirt", 1999, 5), OK, "a second product can be added"),
        step(PRODUCT.format(3, "PEN-B", "Pen", 150, 100), OK, "a third product can be added"),
        step(ORDER.format(10, 1, "pending", "2024-05-01 09:30:00"), OK, "an order for an existing customer can be placed"),
        step(ITEM.format(10, 1, 2, 1250), OK, "a line for an existing order and product can be added"),
        step(ITEM.format(10, 2, 1, 1999), OK, "a second product can be added to the same order"),
    ]


def main():
    for group in ("sample", "secret"):
        os.makedirs(os.path.join(DATA, group), exist_ok=True)
        for f in os.listdir(os.path.join(DATA, group)):
            os.remove(os.path.join(DATA, group, f))

    write("sample", "1", [
        step(CUSTOMER.format(1, "ann@example.com", "Ann"), OK, "a customer can sign up"),
        step(CUSTOMER.format(2, "ann@example.com", "Ann Again"), UNIQUE, "a second customer with the same email is refused"),
        step("INSERT INTO customers (id, email, name) VALUES (3, NULL, 'Nobody');", NOT_NULL, "a customer needs an email"),
        step(ORDER.format(10, 1, "pending", "2024-05-01 09:30:00"), OK, "an order for an existing customer can be placed"),
        step(ORDER.format(11, 99, "pending", "2024-05-01 09:31:00"), FK, "an order must reference an existing customer"),
        step("DELETE FROM customers WHERE id = 1;", REFUSED, "deleting a customer who has orders is refused"),
        step("SELECT id, email FROM customers;", ROWS, "the refused delete leaves the customer in place", [[1, "ann@example.com"]]),
    ])
    write("sample", "2", [
        step(CUSTOMER.format(1, "ann@example.com", "Ann"), OK, "a customer can sign up"),
        step(PRODUCT.format(1, "MUG-01", "Mug", 1250, 10), OK, "a product can be added"),
        step(ORDER.format(10, 1, "pending", "2024-05-01 09:30:00"), OK, "an order can be placed"),
        step(ITEM.format(10, 1, 2, 1250), OK, "a line for an existing order and product can be added"),
        step(ITEM.format(10, 1, 1, 1250), UNIQUE, "the same product twice in one order is refused (one line per order and product)"),
        step(ITEM.format(10, 7, 1, 500), FK, "an order line must reference an existing product"),
        step("DELETE FROM orders WHERE id = 10;", OK, "an order can be deleted"),
        step("SELECT count(*) FROM order_items;", ROWS, "deleting an order deletes its lines", [[0]]),
    ])

    write("secret", "01-customer-email-unique", [
        step(CUSTOMER.format(1, "ann@example.com", "Ann"), OK, "a customer can sign up"),
        step(CUSTOMER.format(2, "bo@example.com", "Bo"), OK, "a second customer with another email can sign up"),
        step(CUSTOMER.format(3, "ann@example.com", "Ann Two"), UNIQUE, "a second customer with the same email is refused"),
        step("UPDATE customers SET email = 'ann@example.com' WHERE id = 2;", UNIQUE, "changing an email to one another customer has is refused"),
        step("UPDATE customers SET email = 'bo@example.org' WHERE id = 2;", OK, "a customer can change their email to a free one"),
        step(CUSTOMER.format(4, "bo@example.com", "Bo Two"), OK, "an email given up is free again"),
        step("DELETE FROM customers WHERE id = 1;", OK, "a customer without orders can be deleted"),
        step(CUSTOMER.format(5, "ann@example.com", "Ann Three"), OK, "a deleted customer's email is free again"),
        step("SELECT id, email FROM customers;", ROWS, "the customers are kept as given",
             [[2, "bo@example.org"], [4, "bo@example.com"], [5, "ann@example.com"]]),
    ])
    write("secret", "02-customer-required-fields", [
        step("INSERT INTO customers (id, email, name) VALUES (1, NULL, 'Ann');", NOT_NULL, "a customer needs an email"),
        step("INSERT INTO customers (id, name) VALUES (2, 'Ann');", NOT_NULL, "a customer without an email given is refused"),
        step("INSERT INTO customers (id, email, name) VALUES (3, 'ann@example.com', NULL);", NOT_NULL, "a customer needs a name"),
        step("INSERT INTO customers (email, name) VALUES ('ann@example.com', 'Ann');", OK, "a customer can sign up without giving an id"),
        step("INSERT INTO customers (email, name) VALUES ('bo@example.com', 'Bo');", OK, "a second customer can sign up without giving an id"),
        step("SELECT count(*), count(DISTINCT id), count(id) FROM customers;", ROWS, "the database gives every customer its own id", [[2, 2, 2]]),
        step("UPDATE customers SET name = NULL WHERE email = 'ann@example.com';", NOT_NULL, "a customer's name cannot be removed"),
        step("SELECT count(*) FROM customers;", ROWS, "refused statements add no customer", [[2]]),
    ])
    write("secret", "03-product-rules", [
        step(PRODUCT.format(1, "MUG-01", "Mug", 1250, 10), OK, "a product can be added"),
        step(PRODUCT.format(2, "MUG-01", "Other mug", 990, 3), UNIQUE, "a second product with the same SKU is refused"),
        step(PRODUCT.format(3, "TEE-M", "T-shirt", -100, 5), CHECK, "a product's price cannot be negative"),
        step("INSERT INTO products (id, sku, name, price_cents, stock) VALUES (4, 'TEE-L', 'T-shirt', NULL, 5);", NOT_NULL, "a product needs a price"),
        step("INSERT INTO products (id, sku, name, price_cents, stock) VALUES (5, NULL, 'Pen', 150, 5);", NOT_NULL, "a product needs a SKU"),
        step("INSERT INTO products (id, sku, name, price_cents) VALUES (6, 'PEN-B', 'Pen', 150);", OK, "a product can be added without giving its stock"),
        step("SELECT stock FROM products WHERE id = 6;", ROWS, "a product's stock is 0 when not given", [[0]]),
        step("UPDATE products SET price_cents = -1 WHERE id = 1;", CHECK, "a price cannot be changed to a negative one"),
        step("UPDATE products SET stock = stock - 11 WHERE id = 1;", CHECK, "stock cannot go below 0"),
        step("UPDATE products SET stock = stock - 10, price_cents = 1500 WHERE id = 1;", OK, "stock can go down to 0 and a price can change"),
        step("SELECT id, sku, price_cents, stock FROM products;", ROWS, "the products are kept as given",
             [[1, "MUG-01", 1500, 0], [6, "PEN-B", 150, 0]]),
    ])
    write("secret", "04-order-needs-customer", [
        step(CUSTOMER.format(1, "ann@example.com", "Ann"), OK, "a customer can sign up"),
        step(ORDER.format(10, 1, "pending", "2024-05-01 09:30:00"), OK, "an order for an existing customer can be placed"),
        step(ORDER.format(11, 2, "pending", "2024-05-01 09:31:00"), FK, "an order must reference an existing customer"),
        step("INSERT INTO orders (id, customer_id, status, created_at) VALUES (12, NULL, 'pending', '2024-05-01 09:32:00');", NOT_NULL, "an order needs a customer"),
        step("UPDATE orders SET customer_id = 2 WHERE id = 10;", FK, "an order cannot be moved to a customer who does not exist"),
        step("UPDATE orders SET customer_id = NULL WHERE id = 10;", NOT_NULL, "an order's customer cannot be removed"),
        step(CUSTOMER.format(2, "bo@example.com", "Bo"), OK, "a second customer can sign up"),
        step("UPDATE orders SET customer_id = 2 WHERE id = 10;", OK, "an order can be moved to another existing customer"),
        step("SELECT id, customer_id FROM orders;", ROWS, "the orders are kept as given", [[10, 2]]),
    ])
    write("secret", "05-order-status-and-defaults", [
        step(CUSTOMER.format(1, "ann@example.com", "Ann"), OK, "a customer can sign up"),
        step("INSERT INTO orders (id, customer_id) VALUES (10, 1);", OK, "an order can be placed giving only its customer"),
        step("SELECT status, CASE WHEN CAST(created_at AS TEXT) LIKE '____-__-__ __:__:__%' THEN 1 ELSE 0 END FROM orders WHERE id = 10;", ROWS,
             "a new order is 'pending', created now (YYYY-MM-DD HH:MM:SS) unless given", [["pending", 1]]),
        step(ORDER.format(11, 1, "delivered", "2024-05-01 09:30:00"), CHECK, "an order's status is one of pending, paid, shipped, cancelled"),
        step(ORDER.format(12, 1, "PAID", "2024-05-01 09:30:00"), CHECK, "statuses are lowercase"),
        step("INSERT INTO orders (id, customer_id, status, created_at) VALUES (13, 1, NULL, '2024-05-01 09:30:00');", NOT_NULL, "an order needs a status"),
        step("INSERT INTO orders (id, customer_id, status, created_at) VALUES (14, 1, 'paid', NULL);", NOT_NULL, "an order needs a creation time"),
        step("UPDATE orders SET status = 'paid' WHERE id = 10;", OK, "an order can be paid"),
        step("UPDATE orders SET status = 'shipped' WHERE id = 10;", OK, "an order can be shipped"),
        step("UPDATE orders SET status = 'lost' WHERE id = 10;", CHECK, "an order cannot take an unknown status"),
        step(ORDER.format(15, 1, "cancelled", "2024-05-02 10:00:00"), OK, "a cancelled order can be recorded"),
        step("SELECT id, status FROM orders;", ROWS, "the orders are kept as given", [[10, "shipped"], [15, "cancelled"]]),
    ])
    write("secret", "06-item-references", shop() + [
        step(ITEM.format(99, 3, 1, 150), FK, "an order line must reference an existing order"),
        step(ITEM.format(10, 99, 1, 150), FK, "an order line must reference an existing product"),
        step("INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents) VALUES (NULL, 3, 1, 150);", NOT_NULL, "an order line needs an order"),
        step("INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents) VALUES (10, NULL, 1, 150);", NOT_NULL, "an order line needs a product"),
        step("INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents) VALUES (10, 3, NULL, 150);", NOT_NULL, "an order line needs a quantity"),
        step("INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents) VALUES (10, 3, 1, NULL);", NOT_NULL, "an order line needs a unit price"),
        step("UPDATE order_items SET product_id = 99 WHERE order_id = 10 AND product_id = 1;", FK, "a line cannot be moved to a product that does not exist"),
        step("UPDATE order_items SET order_id = 99 WHERE order_id = 10 AND product_id = 1;", FK, "a line cannot be moved to an order that does not exist"),
        step("SELECT order_id, product_id, quantity, unit_price_cents FROM order_items;", ROWS, "the lines are kept as given",
             [[10, 1, 2, 1250], [10, 2, 1, 1999]]),
    ])
    write("secret", "07-one-line-per-product", shop() + [
        step(ITEM.format(10, 1, 3, 1250), UNIQUE, "the same product twice in one order is refused"),
        step(ORDER.format(11, 2, "pending", "2024-05-01 10:00:00"), OK, "a second order can be placed"),
        step(ITEM.format(11, 1, 1, 1250), OK, "the same product can be on another order"),
        step(ITEM.format(11, 3, 4, 150), OK, "another product can be added to that order"),
        step("UPDATE order_items SET product_id = 1 WHERE order_id = 11 AND product_id = 3;", UNIQUE, "a line cannot be changed into a second line for a product the order has"),
        step("UPDATE order_items SET quantity = quantity + 3 WHERE order_id = 10 AND product_id = 1;", OK, "more of a product is ordered by raising its line's quantity"),
        step("SELECT order_id, product_id, quantity FROM order_items;", ROWS, "one line per order and product",
             [[10, 1, 5], [10, 2, 1], [11, 1, 1], [11, 3, 4]]),
    ])
    write("secret", "08-edge-zero-and-negative-amounts", shop() + [
        step(PRODUCT.format(4, "SAMPLE-1", "Free sample", 0, 0), OK, "a product may cost 0 (a free sample) and be out of stock"),
        step(ITEM.format(10, 4, 1, 0), OK, "an order line may have a unit price of 0"),
        step(ITEM.format(10, 3, 0, 150), CHECK, "an order line's quantity cannot be 0"),
        step(ITEM.format(10, 3, -2, 150), CHECK, "an order line's quantity cannot be negative"),
        step(ITEM.format(10, 3, 1, -150), CHECK, "an order line's unit price cannot be negative"),
        step(PRODUCT.format(5, "NEG-1", "Refund", -1, 0), CHECK, "a price of -1 is refused"),
        step(PRODUCT.format(6, "NEG-2", "Backorder", 100, -1), CHECK, "a stock of -1 is refused"),
        step("UPDATE order_items SET quantity = 0 WHERE order_id = 10 AND product_id = 1;", CHECK, "a line's quantity cannot be lowered to 0 (delete the line instead)"),
        step("UPDATE order_items SET quantity = 1 WHERE order_id = 10 AND product_id = 1;", OK, "a line's quantity can be lowered to 1"),
        step("DELETE FROM order_items WHERE order_id = 10 AND product_id = 2;", OK, "a line can be removed from an order"),
        step(ITEM.format(10, 3, 1, 150), OK, "a quantity of 1 is accepted"),
        step("SELECT product_id, quantity, unit_price_cents FROM order_items WHERE order_id = 10;", ROWS, "the lines are kept as given",
             [[1, 1, 1250], [3, 1, 150], [4, 1, 0]]),
        step("SELECT id, price_cents, stock FROM products WHERE id >= 4;", ROWS, "only the free sample was added", [[4, 0, 0]]),
    ])
    write("secret", "09-delete-customer", shop() + [
        step("DELETE FROM customers WHERE id = 1;", REFUSED, "deleting a customer who has orders is refused"),
        step("SELECT count(*) FROM orders WHERE customer_id = 1;", ROWS, "the refused delete keeps the customer's orders", [[1]]),
        step("SELECT count(*) FROM customers WHERE id = 1;", ROWS, "the refused delete keeps the customer", [[1]]),
        step("SELECT count(*) FROM order_items;", ROWS, "the refused delete keeps the order's lines", [[2]]),
        step("DELETE FROM customers;", REFUSED, "deleting every customer is refused while one has orders"),
        step("SELECT id FROM customers;", ROWS, "the refused delete removes no one, not even the customer without orders", [[1], [2]]),
        step("DELETE FROM customers WHERE id = 2;", OK, "a customer without orders can be deleted"),
        step("DELETE FROM orders WHERE customer_id = 1;", OK, "a customer's orders can be deleted"),
        step("DELETE FROM customers WHERE id = 1;", OK, "a customer whose orders are gone can be deleted"),
        step("SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM orders), (SELECT count(*) FROM order_items);", ROWS,
             "nothing is left", [[0, 0, 0]]),
    ])
    write("secret", "10-delete-order-cascades", shop() + [
        step(ORDER.format(11, 1, "paid", "2024-05-02 11:00:00"), OK, "a second order can be placed"),
        step(ITEM.format(11, 1, 1, 1250), OK, "the second order gets a line"),
        step(ITEM.format(11, 3, 10, 150), OK, "the second order gets another line"),
        step(ORDER.format(12, 2, "pending", "2024-05-03 12:00:00"), OK, "an order without lines can be placed"),
        step("DELETE FROM orders WHERE id = 10;", OK, "an order with lines can be deleted"),
        step("SELECT order_id, product_id FROM order_items;", ROWS, "deleting an order deletes its lines and only its lines", [[11, 1], [11, 3]]),
        step("DELETE FROM orders WHERE id = 12;", OK, "an order without lines can be deleted"),
        step("DELETE FROM orders WHERE customer_id = 1;", OK, "all of a customer's orders can be deleted at once"),
        step("SELECT count(*) FROM order_items;", ROWS, "their lines go with them", [[0]]),
        step("SELECT count(*) FROM products;", ROWS, "deleting orders keeps the products", [[3]]),
    ])
    write("secret", "11-delete-product", shop() + [
        step("DELETE FROM products WHERE id = 1;", REFUSED, "a product on an order line cannot be deleted"),
        step("SELECT order_id, product_id FROM order_items WHERE product_id = 1;", ROWS, "the refused delete keeps the line", [[10, 1]]),
        step("DELETE FROM products WHERE id = 3;", OK, "a product on no order line can be deleted"),
        step("DELETE FROM order_items WHERE order_id = 10 AND product_id = 1;", OK, "a line can be removed"),
        step("DELETE FROM products WHERE id = 1;", OK, "a product no line references any more can be deleted"),
        step("SELECT id FROM products;", ROWS, "only the product still ordered is left", [[2]]),
    ])
    write("secret", "12-edge-large-and-repeated-values", [
        step(CUSTOMER.format(1, "ann@example.com", "Ann"), OK, "a customer can sign up"),
        step(CUSTOMER.format(2, "ann.b@example.com", "Ann"), OK, "two customers may share a name"),
        step(PRODUCT.format(1, "GOLD-1", "Gold bar", 9007199254740991, 2147483647), OK, "prices and stock can be large"),
        step(ORDER.format(10, 1, "pending", "2024-05-01 09:30:00"), OK, "an order can be placed"),
        step(ORDER.format(11, 1, "pending", "2024-05-01 09:30:00"), OK, "a customer may place two orders at the same time"),
        step(ITEM.format(10, 1, 1000000, 9007199254740991), OK, "a line may be large"),
        step(ITEM.format(11, 1, 1, 1), OK, "the same product on a second order of the same customer is allowed"),
        step("SELECT order_id, quantity, unit_price_cents FROM order_items;", ROWS, "the lines are kept as given",
             [[10, 1000000, 9007199254740991], [11, 1, 1]]),
        step("SELECT count(*) FROM customers;", ROWS, "both customers are kept", [[2]]),
    ])


if __name__ == "__main__":
    main()
