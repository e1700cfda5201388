-- Indexes for the product listing's remaining sort orders (V2 covers status+created_at, category and
-- status+price): customers sorting active products by name, and admins listing every status.
CREATE INDEX idx_products_status_name ON products (status, name, id);
CREATE INDEX idx_products_created ON products (created_at DESC, id);
CREATE INDEX idx_products_name ON products (name, id);
CREATE INDEX idx_products_price ON products (price, id);
