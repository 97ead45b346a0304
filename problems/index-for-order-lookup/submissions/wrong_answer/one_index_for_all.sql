-- Wrong: one index holding every column the queries filter on. Only a query on its first
-- column (created_at) can search it; the customer's queries scan it or the table.
CREATE INDEX orders_everything ON orders(created_at, customer_id, status);
