-- Payments (API.md, "Payments"): one row per charge attempt of an order, at the order's total. A payment
-- is 'processing' until the gateway gives a definitive answer; while it is, next_check_at says when the
-- reconciliation job asks the gateway again. At most one live (processing or succeeded, refunded or
-- not) payment per order, so two requests can never charge one order twice.
CREATE TABLE payments (
    id                  UUID PRIMARY KEY,
    order_id            UUID NOT NULL REFERENCES orders (id),
    user_id             UUID NOT NULL REFERENCES users (id),
    amount              DECIMAL(10, 2) NOT NULL,
    currency            CHAR(3) NOT NULL,
    status              VARCHAR(20) NOT NULL,
    provider            VARCHAR(20) NOT NULL,
    provider_ref        VARCHAR(255),
    payment_method      VARCHAR(255) NOT NULL,
    payment_method_type VARCHAR(50),
    failure_code        VARCHAR(100),
    failure_message     VARCHAR(1000),
    refunded_amount     DECIMAL(10, 2) NOT NULL DEFAULT 0,
    next_check_at       TIMESTAMPTZ,
    reconcile_attempts  INTEGER NOT NULL DEFAULT 0,
    last_error          VARCHAR(1000),
    version             BIGINT NOT NULL DEFAULT 0,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    settled_at          TIMESTAMPTZ,
    CONSTRAINT payments_status_known CHECK (status IN ('processing', 'succeeded', 'failed', 'partially_refunded',
        'refunded')),
    CONSTRAINT payments_amount_positive CHECK (amount > 0),
    CONSTRAINT payments_refunded_within_amount CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
    CONSTRAINT payments_processing_is_checked CHECK ((status = 'processing') = (next_check_at IS NOT NULL))
);
CREATE UNIQUE INDEX idx_payments_one_live_per_order ON payments (order_id)
    WHERE status IN ('processing', 'succeeded', 'partially_refunded', 'refunded');
CREATE INDEX idx_payments_order ON payments (order_id, created_at DESC, id);
CREATE INDEX idx_payments_due ON payments (next_check_at) WHERE status = 'processing';
CREATE UNIQUE INDEX idx_payments_provider_ref ON payments (provider, provider_ref) WHERE provider_ref IS NOT NULL;

-- Refunds of a payment. 'pending' ones reserve their amount (so concurrent refunds never exceed what was
-- captured) and are reconciled like processing payments. automatic_key makes the platform's own refunds
-- (order failed, cancelled after payment) happen once per reason, however often the event is delivered.
CREATE TABLE refunds (
    id                 UUID PRIMARY KEY,
    payment_id         UUID NOT NULL REFERENCES payments (id),
    amount             DECIMAL(10, 2) NOT NULL,
    currency           CHAR(3) NOT NULL,
    status             VARCHAR(20) NOT NULL,
    reason             VARCHAR(500),
    provider_ref       VARCHAR(255),
    failure_code       VARCHAR(100),
    failure_message    VARCHAR(1000),
    requested_by       UUID REFERENCES users (id),
    automatic_key      VARCHAR(50),
    next_check_at      TIMESTAMPTZ,
    reconcile_attempts INTEGER NOT NULL DEFAULT 0,
    last_error         VARCHAR(1000),
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    settled_at         TIMESTAMPTZ,
    CONSTRAINT refunds_status_known CHECK (status IN ('pending', 'succeeded', 'failed')),
    CONSTRAINT refunds_amount_positive CHECK (amount > 0),
    CONSTRAINT refunds_pending_is_checked CHECK ((status = 'pending') = (next_check_at IS NOT NULL))
);
CREATE INDEX idx_refunds_payment ON refunds (payment_id, created_at, id);
CREATE UNIQUE INDEX idx_refunds_automatic ON refunds (payment_id, automatic_key) WHERE automatic_key IS NOT NULL;
CREATE UNIQUE INDEX idx_refunds_provider_ref ON refunds (provider_ref) WHERE provider_ref IS NOT NULL;
CREATE INDEX idx_refunds_due ON refunds (next_check_at) WHERE status = 'pending';

-- Webhook events already applied, by the provider's event id: a redelivered event is acknowledged and ignored.
CREATE TABLE payment_webhook_events (
    provider    VARCHAR(20) NOT NULL,
    event_id    VARCHAR(255) NOT NULL,
    event_type  VARCHAR(100) NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, event_id)
);

-- The sandbox gateway's own ledger: what a remote payment service would hold. One charge per
-- idempotency key (the same key always answers with the same charge, on every instance), and its
-- refunds. 'not_charged' rows count calls that failed transiently before anything was charged.
CREATE TABLE sandbox_charges (
    idempotency_key VARCHAR(255) PRIMARY KEY,
    id              VARCHAR(64) NOT NULL UNIQUE,
    amount          DECIMAL(10, 2) NOT NULL,
    currency        CHAR(3) NOT NULL,
    payment_method  VARCHAR(255) NOT NULL,
    status          VARCHAR(20) NOT NULL,
    decline_code    VARCHAR(100),
    decline_message VARCHAR(500),
    calls           INTEGER NOT NULL DEFAULT 0,
    refunded_amount DECIMAL(10, 2) NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT sandbox_charges_status_known CHECK (status IN ('not_charged', 'succeeded', 'declined'))
);

CREATE TABLE sandbox_refunds (
    idempotency_key VARCHAR(255) PRIMARY KEY,
    id              VARCHAR(64) NOT NULL UNIQUE,
    charge_id       VARCHAR(64) REFERENCES sandbox_charges (id),
    amount          DECIMAL(10, 2) NOT NULL,
    status          VARCHAR(20) NOT NULL,
    failure_code    VARCHAR(100),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
