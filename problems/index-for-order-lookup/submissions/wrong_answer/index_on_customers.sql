-- Wrong: the index is on the wrong table. customers is already searched by its key and email;
-- it is orders that needs an index on customer_id.
CREATE INDEX customers_country_email ON customers(country, email);
CREATE INDEX orders_created_at ON orders(created_at);
