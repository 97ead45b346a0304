-- Wrong: the customer's queries are served, but nothing indexes created_at: a day's orders
-- read every order.
CREATE INDEX orders_customer_status ON orders(customer_id, status);
