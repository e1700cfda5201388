-- Search access bought with ai_search_service orders (ContentSearchAgent, 203). One grant per order, so a
-- redelivered "order paid" event cannot grant twice. Grants of one user follow each other in time.
CREATE TABLE search_access (
    id          UUID PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users (id),
    order_id    UUID UNIQUE REFERENCES orders (id),
    product_id  UUID REFERENCES products (id),
    plan        VARCHAR(255) NOT NULL,
    granted_at  TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    starts_at   TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT search_access_period CHECK (expires_at > starts_at)
);
CREATE INDEX idx_search_access_user_expires ON search_access (user_id, expires_at DESC);
