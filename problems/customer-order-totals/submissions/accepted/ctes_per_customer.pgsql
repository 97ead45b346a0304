-- Sums items and shipping per customer separately (two CTEs, each one row per customer),
-- then LEFT JOINs both to the customers.
WITH items AS (
    SELECT o.customer_id, SUM(i.quantity * i.price_cents) AS cents
    FROM order_items AS i
    JOIN orders AS o ON o.id = i.order_id
    GROUP BY o.customer_id
),
shipping AS (
    SELECT customer_id, COUNT(*) AS n, SUM(shipping_cents) AS cents
    FROM orders
    GROUP BY customer_id
)
SELECT c.id AS customer_id,
       c.name AS name,
       COALESCE(s.n, 0) AS order_count,
       COALESCE(s.cents, 0) + COALESCE(it.cents, 0) AS total_cents
FROM customers AS c
LEFT JOIN shipping AS s ON s.customer_id = c.id
LEFT JOIN items AS it ON it.customer_id = c.id
ORDER BY total_cents DESC, name ASC, customer_id ASC;
