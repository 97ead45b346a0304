-- Wrong: an index on date(created_at) serves only queries written with date(created_at); the
-- day's query compares created_at itself, so it reads every order.
CREATE INDEX orders_customer_status ON orders(customer_id, status);
CREATE INDEX orders_created_day ON orders(date(created_at));
