-- Named table constraints, explicit RESTRICT, a unique index for the email and a line table
-- keyed by (order, product) without a rowid.
CREATE TABLE customers (
    id    INTEGER NOT NULL,
    email TEXT NOT NULL,
    name  TEXT NOT NULL,
    CONSTRAINT customers_pk PRIMARY KEY (id)
);
CREATE UNIQUE INDEX customers_email_key ON customers(email);

CREATE TABLE products (
    id          INTEGER PRIMARY KEY,
    sku         TEXT NOT NULL,
    name        TEXT NOT NULL,
    price_cents INTEGER NOT NULL,
    stock       INTEGER NOT NULL DEFAULT 0,
    description TEXT,
    CONSTRAINT products_sku_key UNIQUE (sku),
    CONSTRAINT products_price_not_negative CHECK (price_cents >= 0),
    CONSTRAINT products_stock_not_negative CHECK (stock >= 0)
);

CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending',
    created_at  TEXT NOT NULL DEFAULT (datetime('now')),
    CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE RESTRICT,
    CONSTRAINT orders_status_known CHECK (status = 'pending' OR status = 'paid' OR status = 'shipped' OR status = 'cancelled')
);
CREATE INDEX orders_customer_idx ON orders(customer_id, created_at);

CREATE TABLE order_items (
    order_id         INTEGER NOT NULL,
    product_id       INTEGER NOT NULL,
    quantity         INTEGER NOT NULL,
    unit_price_cents INTEGER NOT NULL,
    CONSTRAINT order_items_pk PRIMARY KEY (order_id, product_id),
    CONSTRAINT order_items_order_fk FOREIGN KEY (order_id) REFERENCES orders(id) ON DELETE CASCADE,
    CONSTRAINT order_items_product_fk FOREIGN KEY (product_id) REFERENCES products(id) ON DELETE RESTRICT,
    CONSTRAINT order_items_quantity_positive CHECK (quantity >= 1),
    CONSTRAINT order_items_price_not_negative CHECK (unit_price_cents >= 0)
) WITHOUT ROWID;
CREATE INDEX order_items_product_idx ON order_items(product_id);
