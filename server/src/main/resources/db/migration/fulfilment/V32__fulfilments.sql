-- How each paid order was routed (fulfilment module). order_id is the idempotency key of the routing: an
-- "order paid" event delivered twice finds the row and starts nothing.
CREATE TABLE fulfilments (
    order_id      UUID PRIMARY KEY REFERENCES orders (id),
    route         VARCHAR(20) NOT NULL,
    ai_job_id     UUID REFERENCES ai_jobs (id),
    agent_task_id UUID,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT fulfilments_route_known CHECK (route IN ('ai_job', 'search_access', 'staff_task'))
);
CREATE UNIQUE INDEX idx_fulfilments_job ON fulfilments (ai_job_id) WHERE ai_job_id IS NOT NULL;
CREATE INDEX idx_fulfilments_task ON fulfilments (agent_task_id) WHERE agent_task_id IS NOT NULL;

-- One fulfilment job per order, whatever path queued it (a second insert fails instead of running twice).
CREATE UNIQUE INDEX idx_ai_jobs_order_unique ON ai_jobs (order_id) WHERE order_id IS NOT NULL;
