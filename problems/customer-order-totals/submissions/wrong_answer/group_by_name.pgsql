-- Wrong: groups by name, so two customers with the same name are merged into one row.
SELECT MIN(c.id) AS customer_id,
       c.name,
       COUNT(t.order_id) AS order_count,
       COALESCE(SUM(t.order_total), 0) AS total_cents
FROM customers AS c
LEFT JOIN (
    SELECT o.id AS order_id, o.customer_id,
           o.shipping_cents + SUM(i.quantity * i.price_cents) AS order_total
    FROM orders AS o
    JOIN order_items AS i ON i.order_id = o.id
    GROUP BY o.id
) AS t ON t.customer_id = c.id
GROUP BY c.name
ORDER BY total_cents DESC, c.name, customer_id;
