-- The queue's fencing token: a fresh value on every claim, so a worker that lost its lease (its
-- lease expired and another worker took the job) can no longer complete, fail or add steps to it.
ALTER TABLE ai_jobs ADD COLUMN lease_token UUID;

-- Claiming across job types orders by priority, then due time; admins list all jobs newest first.
CREATE INDEX idx_ai_jobs_queue_order ON ai_jobs (priority DESC, run_at, id) WHERE status = 'queued';
CREATE INDEX idx_ai_jobs_created ON ai_jobs (created_at DESC, id);
CREATE INDEX idx_ai_jobs_status_created ON ai_jobs (status, created_at DESC, id);

ALTER TABLE ai_jobs ADD CONSTRAINT ai_jobs_lease_consistent
    CHECK ((status = 'running') = (lease_token IS NOT NULL));
