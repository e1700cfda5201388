-- The resource an idempotent request created (an order, a payment, a refund), written in the same
-- transaction that creates it. A retry of a key whose request committed its effects but died before
-- storing its response is answered from that resource instead of 409 until the key expires.
ALTER TABLE idempotency_keys
    ADD COLUMN resource_type VARCHAR(50),
    ADD COLUMN resource_id   UUID;
