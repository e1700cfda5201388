-- The metrics summary counts orders that ended (reached a final status) per hour: completed ones at
-- completed_at, the others at their last change.
CREATE INDEX idx_orders_ended ON orders ((coalesce(completed_at, updated_at)))
    WHERE status IN ('completed', 'failed', 'cancelled', 'rejected');
