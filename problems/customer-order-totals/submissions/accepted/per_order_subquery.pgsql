-- Totals each order first (its items plus its shipping, one row per order), then joins the
-- customers to those rows with a LEFT JOIN so that customers without orders stay, at 0.
SELECT c.id                                AS customer_id,
       c.name                              AS name,
       COUNT(t.order_id)                   AS order_count,
       COALESCE(SUM(t.order_total), 0)     AS total_cents
FROM customers AS c
LEFT JOIN (
    SELECT o.id AS order_id,
           o.customer_id,
           o.shipping_cents + SUM(i.quantity * i.price_cents) AS order_total
    FROM orders AS o
    JOIN order_items AS i ON i.order_id = o.id
    GROUP BY o.id, o.customer_id, o.shipping_cents
) AS t ON t.customer_id = c.id
GROUP BY c.id, c.name
ORDER BY total_cents DESC, c.name, c.id;
