-- Orders keep their product's category as it was at order time (with its name and price), so the
-- fulfilment route and the input schema do not change if the product is edited later.
ALTER TABLE orders ADD COLUMN category VARCHAR(50);
UPDATE orders o SET category = p.category FROM products p WHERE p.id = o.product_id;
ALTER TABLE orders ALTER COLUMN category SET NOT NULL;
ALTER TABLE orders ADD CONSTRAINT orders_category_known CHECK (category IN ('ai_course_generation',
    'ai_document_generation', 'ai_search_service', 'business_consulting', 'technical_support'));

-- Listing: a customer's orders in one status, and an admin filtering by user and status.
CREATE INDEX idx_orders_user_status_created ON orders (user_id, status, created_at DESC, id);
-- The approvals module moves orders by approval request id.
CREATE UNIQUE INDEX idx_orders_approval ON orders (approval_id) WHERE approval_id IS NOT NULL;
-- The total is always the price at order time times the quantity.
ALTER TABLE orders ADD CONSTRAINT orders_total_is_price_times_quantity CHECK (total_amount = unit_price * quantity);
