-- The metrics summary counts payments by the hour of their outcome: settled_at is set when a payment
-- leaves 'processing' (succeeded or failed) and never changes after. The status is included so the
-- count per hour can be read from the index alone.
CREATE INDEX idx_payments_settled ON payments (settled_at) INCLUDE (status) WHERE settled_at IS NOT NULL;
