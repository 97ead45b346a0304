-- Wrong: COUNT(o.id) over the joined rows counts order lines, not orders (the total is right:
-- the shipping is added per order, apart).
SELECT c.id AS customer_id,
       c.name,
       COUNT(o.id) AS order_count,
       COALESCE(SUM(i.quantity * i.price_cents), 0)
         + COALESCE((SELECT SUM(shipping_cents) FROM orders WHERE customer_id = c.id), 0) AS total_cents
FROM customers AS c
LEFT JOIN orders AS o ON o.customer_id = c.id
LEFT JOIN order_items AS i ON i.order_id = o.id
GROUP BY c.id, c.name
ORDER BY total_cents DESC, c.name, c.id;
