-- Wrong: after joining the items, an order appears once per item, so its shipping is summed
-- once per item (the order count is right, thanks to DISTINCT, but the total is not).
SELECT c.id AS customer_id,
       c.name,
       COUNT(DISTINCT o.id) AS order_count,
       COALESCE(SUM(o.shipping_cents + i.quantity * i.price_cents), 0) AS total_cents
FROM customers AS c
LEFT JOIN orders AS o ON o.customer_id = c.id
LEFT JOIN order_items AS i ON i.order_id = o.id
GROUP BY c.id, c.name
ORDER BY total_cents DESC, c.name, c.id;
