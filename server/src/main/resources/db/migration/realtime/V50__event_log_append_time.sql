-- created_at is the time of the append, not of the transaction's start (now()): events of one long
-- transaction keep their own times, and the pruning and delivery-latency figures use that time.
ALTER TABLE event_log ALTER COLUMN created_at SET DEFAULT clock_timestamp();
