-- One row per customer, each figure from its own subquery: nothing is joined, so nothing is
-- counted twice; an empty subquery gives NULL, turned into 0.
SELECT c.id AS customer_id,
       c.name,
       (SELECT COUNT(*) FROM orders AS o WHERE o.customer_id = c.id) AS order_count,
       COALESCE((SELECT SUM(o.shipping_cents) FROM orders AS o WHERE o.customer_id = c.id), 0)
         + COALESCE((SELECT SUM(i.quantity * i.price_cents)
                     FROM orders AS o
                     JOIN order_items AS i ON i.order_id = o.id
                     WHERE o.customer_id = c.id), 0) AS total_cents
FROM customers AS c
ORDER BY total_cents DESC, name, customer_id;
