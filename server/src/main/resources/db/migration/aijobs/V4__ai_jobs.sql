-- AI jobs: the seed schema plus what a durable queue needs (priority, attempts, leases, backoff,
-- progress, token accounting) and the durable steps a retried job resumes from.
CREATE TABLE ai_jobs (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    job_type            VARCHAR(50) NOT NULL,
    user_id             UUID NOT NULL REFERENCES users (id),
    status              VARCHAR(20) NOT NULL DEFAULT 'queued',
    input_params        JSONB NOT NULL,
    output_data         JSONB,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    completed_at        TIMESTAMPTZ,
    order_id            UUID REFERENCES orders (id),
    priority            INTEGER NOT NULL DEFAULT 0,
    attempts            INTEGER NOT NULL DEFAULT 0,
    max_attempts        INTEGER NOT NULL DEFAULT 3,
    run_at              TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    lease_owner         VARCHAR(100),
    lease_expires_at    TIMESTAMPTZ,
    cancel_requested    BOOLEAN NOT NULL DEFAULT FALSE,
    progress_step       VARCHAR(100),
    progress_completed  INTEGER NOT NULL DEFAULT 0,
    progress_total      INTEGER NOT NULL DEFAULT 0,
    progress_message    TEXT,
    last_error          TEXT,
    input_tokens        BIGINT NOT NULL DEFAULT 0,
    output_tokens       BIGINT NOT NULL DEFAULT 0,
    estimated_cost      NUMERIC(12, 6) NOT NULL DEFAULT 0,
    generated_by_provider VARCHAR(50),
    generated_by_model  VARCHAR(100),
    started_at          TIMESTAMPTZ,
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    version             BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT ai_jobs_status_known CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
    CONSTRAINT ai_jobs_attempts_range CHECK (attempts >= 0 AND max_attempts >= 1)
);
CREATE INDEX idx_ai_jobs_user_id ON ai_jobs (user_id);
CREATE INDEX idx_ai_jobs_status ON ai_jobs (status);
CREATE INDEX idx_ai_jobs_user_created ON ai_jobs (user_id, created_at DESC, id);
CREATE INDEX idx_ai_jobs_claimable ON ai_jobs (job_type, priority DESC, run_at, id) WHERE status = 'queued';
CREATE INDEX idx_ai_jobs_leases ON ai_jobs (lease_expires_at) WHERE status = 'running';
CREATE INDEX idx_ai_jobs_order ON ai_jobs (order_id);

CREATE TABLE ai_job_steps (
    job_id       UUID NOT NULL REFERENCES ai_jobs (id) ON DELETE CASCADE,
    step_key     VARCHAR(100) NOT NULL,
    output       JSONB,
    input_tokens  BIGINT NOT NULL DEFAULT 0,
    output_tokens BIGINT NOT NULL DEFAULT 0,
    completed_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    PRIMARY KEY (job_id, step_key)
);
