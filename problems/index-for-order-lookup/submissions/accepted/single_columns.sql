-- The smallest answer the checks take: customer_id alone narrows a customer's orders to a few
-- dozen rows, which the status filter and the sort then read; created_at serves the ranges.
CREATE INDEX orders_customer ON orders(customer_id);
CREATE INDEX orders_created_at ON orders(created_at);
