-- A customer's orders already sorted by time (no sort for "latest"), a partial index holding
-- only the pending orders, and a covering index for the day's totals (no table lookups).
CREATE INDEX orders_customer_created ON orders(customer_id, created_at DESC);
CREATE INDEX orders_pending_by_customer ON orders(customer_id) WHERE status = 'pending';
CREATE INDEX orders_created_total ON orders(created_at, total_cents);
