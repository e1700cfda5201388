-- Orders: the seed schema plus quantity, prices at order time, the generation input, links to the
-- approval, payment and AI job that serve it, optimistic locking, and the append-only timeline.
CREATE TABLE orders (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      UUID NOT NULL REFERENCES users (id),
    product_id   UUID NOT NULL REFERENCES products (id),
    product_name VARCHAR(255) NOT NULL,
    quantity     INTEGER NOT NULL DEFAULT 1,
    unit_price   DECIMAL(10, 2) NOT NULL,
    currency     CHAR(3) NOT NULL,
    status       VARCHAR(20) NOT NULL DEFAULT 'pending',
    total_amount DECIMAL(10, 2) NOT NULL,
    input        JSONB,
    approval_id  UUID,
    payment_id   UUID,
    ai_job_id    UUID,
    version      BIGINT NOT NULL DEFAULT 0,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    completed_at TIMESTAMPTZ,
    CONSTRAINT orders_quantity_range CHECK (quantity BETWEEN 1 AND 100),
    CONSTRAINT orders_amounts_positive CHECK (unit_price > 0 AND total_amount > 0),
    CONSTRAINT orders_status_known CHECK (status IN ('pending', 'awaiting_approval', 'awaiting_payment', 'paid',
        'fulfilling', 'completed', 'rejected', 'cancelled', 'failed'))
);
CREATE INDEX idx_orders_user_id ON orders (user_id);
CREATE INDEX idx_orders_user_created ON orders (user_id, created_at DESC, id);
CREATE INDEX idx_orders_status_created ON orders (status, created_at DESC, id);
CREATE INDEX idx_orders_created ON orders (created_at DESC, id);
CREATE INDEX idx_orders_product ON orders (product_id);

CREATE TABLE order_timeline (
    id         BIGSERIAL PRIMARY KEY,
    order_id   UUID NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    status     VARCHAR(20) NOT NULL,
    at         TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    actor_type VARCHAR(10) NOT NULL,
    actor_id   VARCHAR(64),
    actor_name VARCHAR(255),
    note       TEXT,
    CONSTRAINT order_timeline_actor_known CHECK (actor_type IN ('user', 'agent', 'system'))
);
CREATE INDEX idx_order_timeline_order ON order_timeline (order_id, id);
