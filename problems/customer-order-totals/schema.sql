-- The shop's tables. Money is in cents (integers).
CREATE TABLE customers (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE orders (
    id             INTEGER PRIMARY KEY,
    customer_id    INTEGER NOT NULL REFERENCES customers(id),
    ordered_on     TEXT NOT NULL,              -- 'YYYY-MM-DD'
    shipping_cents BIGINT NOT NULL CHECK (shipping_cents >= 0)
);

CREATE TABLE order_items (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders(id),
    product     TEXT NOT NULL,
    quantity    INTEGER NOT NULL CHECK (quantity >= 1),
    price_cents BIGINT NOT NULL CHECK (price_cents >= 0)  -- the price of one unit
);

CREATE INDEX orders_customer_id ON orders(customer_id);
CREATE INDEX order_items_order_id ON order_items(order_id);
