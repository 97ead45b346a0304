-- Wrong: a partial index over the pending orders only. It serves "a customer's pending orders",
-- but a customer's latest orders (of any status) cannot use it.
CREATE INDEX orders_pending_by_customer ON orders(customer_id) WHERE status = 'pending';
CREATE INDEX orders_created_at ON orders(created_at);
