-- Wrong: an index on status instead of customer_id. "A customer's pending orders" can search
-- it by status, but the latest orders and the lookup by email still read every order.
CREATE INDEX orders_status ON orders(status);
CREATE INDEX orders_created_at ON orders(created_at);
