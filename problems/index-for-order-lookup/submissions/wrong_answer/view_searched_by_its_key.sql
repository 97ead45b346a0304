-- No index at all: orders becomes a view whose every read is a "search" of the whole rowid range.
ALTER TABLE orders RENAME TO orders_data;
CREATE VIEW orders AS SELECT * FROM orders_data AS orders WHERE orders.id >= -9223372036854775808;
CREATE TRIGGER orders_insert INSTEAD OF INSERT ON orders BEGIN INSERT INTO orders_data VALUES (NEW.id, NEW.customer_id, NEW.status, NEW.created_at, NEW.total_cents); END;
CREATE TRIGGER orders_update INSTEAD OF UPDATE ON orders BEGIN UPDATE orders_data SET customer_id = NEW.customer_id, status = NEW.status, created_at = NEW.created_at, total_cents = NEW.total_cents WHERE id = OLD.id; END;
CREATE TRIGGER orders_delete INSTEAD OF DELETE ON orders BEGIN DELETE FROM orders_data WHERE id = OLD.id; END;
