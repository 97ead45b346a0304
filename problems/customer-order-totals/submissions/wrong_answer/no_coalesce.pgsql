-- Wrong: SUM over no rows is NULL, so a customer without orders gets NULL instead of 0
-- (and NULL sorts after every number, out of the name order among the zeros).
SELECT c.id AS customer_id,
       c.name,
       COUNT(t.order_id) AS order_count,
       SUM(t.order_total) AS total_cents
FROM customers AS c
LEFT JOIN (
    SELECT o.id AS order_id, o.customer_id,
           o.shipping_cents + SUM(i.quantity * i.price_cents) AS order_total
    FROM orders AS o
    JOIN order_items AS i ON i.order_id = o.id
    GROUP BY o.id
) AS t ON t.customer_id = c.id
GROUP BY c.id, c.name
ORDER BY total_cents DESC, c.name, c.id;
