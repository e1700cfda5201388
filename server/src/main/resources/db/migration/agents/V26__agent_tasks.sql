-- The local agent task board (A2A): every agent execution, with its status, retries and result.
-- A later issue mirrors it to GitHub Issues (issue_url).
CREATE TABLE agent_tasks (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    title         VARCHAR(255) NOT NULL,
    agent_type    VARCHAR(40) NOT NULL,
    status        VARCHAR(20) NOT NULL DEFAULT 'submitted',
    -- how the task runs, which decides what a retry does: inline (the caller's thread),
    -- job (inside an AI job: a retry re-queues the job), manual (done by people)
    execution     VARCHAR(10) NOT NULL,
    priority      INTEGER NOT NULL DEFAULT 0,
    retry_count   INTEGER NOT NULL DEFAULT 0,
    resource_type VARCHAR(30),
    resource_id   VARCHAR(64),
    ai_job_id     UUID,
    issue_url     VARCHAR(500),
    input         JSONB NOT NULL DEFAULT '{}',
    outcome       VARCHAR(20),
    result        JSONB,
    error         TEXT,
    input_tokens  BIGINT NOT NULL DEFAULT 0,
    output_tokens BIGINT NOT NULL DEFAULT 0,
    duration_ms   BIGINT,
    started_at    TIMESTAMPTZ,
    completed_at  TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    version       BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT agent_tasks_agent_known CHECK (agent_type IN ('course_generator', 'document_generator',
        'content_search', 'payment_processor', 'approval_workflow')),
    CONSTRAINT agent_tasks_status_known CHECK (status IN ('submitted', 'working', 'completed', 'failed', 'cancelled')),
    CONSTRAINT agent_tasks_execution_known CHECK (execution IN ('inline', 'job', 'manual')),
    CONSTRAINT agent_tasks_outcome_known CHECK (outcome IS NULL OR outcome IN ('success', 'failed', 'escalated')),
    CONSTRAINT agent_tasks_retry_range CHECK (retry_count BETWEEN 0 AND 3)
);
CREATE INDEX idx_agent_tasks_created ON agent_tasks (created_at DESC, id);
CREATE INDEX idx_agent_tasks_status_created ON agent_tasks (status, created_at DESC, id);
CREATE INDEX idx_agent_tasks_agent_created ON agent_tasks (agent_type, created_at DESC, id);
CREATE INDEX idx_agent_tasks_agent_status ON agent_tasks (agent_type, status);
CREATE INDEX idx_agent_tasks_resource ON agent_tasks (resource_type, resource_id);
-- One board task per AI job: the job's attempts are executions of that one task.
CREATE UNIQUE INDEX idx_agent_tasks_ai_job ON agent_tasks (ai_job_id) WHERE ai_job_id IS NOT NULL;
