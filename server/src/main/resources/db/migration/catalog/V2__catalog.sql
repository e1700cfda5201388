-- Catalog: products (the seed schema plus currency, optimistic locking and search support).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE products (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name        VARCHAR(255) NOT NULL,
    description TEXT,
    price       DECIMAL(10, 2) NOT NULL,
    currency    CHAR(3) NOT NULL DEFAULT 'USD',
    category    VARCHAR(50) NOT NULL,
    status      VARCHAR(20) NOT NULL DEFAULT 'active',
    version     BIGINT NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT products_price_positive CHECK (price > 0),
    CONSTRAINT products_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT products_category_known CHECK (category IN ('ai_course_generation', 'ai_document_generation',
        'ai_search_service', 'business_consulting', 'technical_support')),
    CONSTRAINT products_status_known CHECK (status IN ('active', 'draft', 'archived'))
);
CREATE INDEX idx_products_status_created ON products (status, created_at DESC, id);
CREATE INDEX idx_products_category_status_created ON products (category, status, created_at DESC, id);
CREATE INDEX idx_products_status_price ON products (status, price, id);
CREATE INDEX idx_products_name_trgm ON products USING gin (name gin_trgm_ops);
CREATE INDEX idx_products_description_trgm ON products USING gin (description gin_trgm_ops);
