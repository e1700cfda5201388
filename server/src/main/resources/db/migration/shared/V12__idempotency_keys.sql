-- Idempotency keys (API.md, "Payments"): one row per caller and key, kept at least 24 hours. A row is
-- claimed 'in_progress' (with a token only its request knows) before the handler runs, and completed
-- with the response to replay. effects_committed is set inside the request's own committing
-- transaction, so a key whose request changed data is never taken over by a retry.
CREATE TABLE idempotency_keys (
    principal         VARCHAR(255) NOT NULL,
    idempotency_key   VARCHAR(255) NOT NULL,
    fingerprint       CHAR(64) NOT NULL,
    request_method    VARCHAR(10) NOT NULL,
    request_path      VARCHAR(2048) NOT NULL,
    status            VARCHAR(20) NOT NULL,
    token             UUID NOT NULL,
    locked_until      TIMESTAMPTZ,
    effects_committed BOOLEAN NOT NULL DEFAULT false,
    response_status   INTEGER,
    response_headers  JSONB,
    response_body     BYTEA,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at      TIMESTAMPTZ,
    expires_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (principal, idempotency_key),
    CONSTRAINT idempotency_keys_status_known CHECK (status IN ('in_progress', 'completed')),
    CONSTRAINT idempotency_keys_completed_has_response CHECK (status = 'in_progress' OR response_status IS NOT NULL)
);
CREATE INDEX idx_idempotency_keys_expires ON idempotency_keys (expires_at);
