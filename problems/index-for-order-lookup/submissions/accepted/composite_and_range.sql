-- One index per access path: a customer's orders, narrowed by status (its prefix, customer_id
-- alone, serves the latest orders and the join from customers); and orders by time.
CREATE INDEX orders_customer_status ON orders(customer_id, status);
CREATE INDEX orders_created_at ON orders(created_at);
