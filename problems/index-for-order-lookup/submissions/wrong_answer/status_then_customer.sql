-- Wrong: the right columns in the wrong order. (status, customer_id) serves status = ? AND
-- customer_id = ?, but a query on customer_id alone cannot search it: customer_id is not a
-- prefix of the index (and without statistics SQLite does not skip-scan).
CREATE INDEX orders_status_customer ON orders(status, customer_id);
CREATE INDEX orders_created_at ON orders(created_at);
