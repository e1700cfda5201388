-- Monthly token budgets (the studio's allowance): per-user and per-role allowances set by admins, and
-- the reservations that admit studio jobs against them.

-- One row per user who has asked for budgeted work or was given an allowance of their own. Admission
-- locks this row (SELECT … FOR UPDATE), so concurrent submissions of one user are checked one after the
-- other and cannot overshoot together.
CREATE TABLE llm_budgets (
    user_id         UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    -- The user's own allowance in tokens per month (0 = unlimited); null: their roles' or the default.
    monthly_tokens  BIGINT,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_by      UUID,
    CONSTRAINT llm_budgets_tokens_not_negative CHECK (monthly_tokens IS NULL OR monthly_tokens >= 0)
);

-- An allowance for everyone holding a role (customer, approver); a user with several takes the largest.
CREATE TABLE llm_role_budgets (
    role            VARCHAR(20) PRIMARY KEY,
    monthly_tokens  BIGINT NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_by      UUID,
    CONSTRAINT llm_role_budgets_tokens_not_negative CHECK (monthly_tokens >= 0),
    CONSTRAINT llm_role_budgets_role_known CHECK (role IN ('customer', 'approver'))
);

-- A job admitted against its owner's budget (a studio job; jobs of paid orders never are). While open
-- (settled_at null) it holds its estimate less what the job has spent since (spent_before is the job's
-- usage when it was made); settled when the job ends, after which only the job's actual usage counts.
-- A retry re-opens it with a fresh estimate.
CREATE TABLE llm_budget_reservations (
    job_id          UUID PRIMARY KEY,
    user_id         UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tokens          BIGINT NOT NULL,
    spent_before    BIGINT NOT NULL DEFAULT 0,
    reserved_at     TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    settled_at      TIMESTAMPTZ,
    CONSTRAINT llm_budget_reservations_tokens_not_negative CHECK (tokens >= 0 AND spent_before >= 0)
);

CREATE INDEX idx_llm_budget_reservations_open ON llm_budget_reservations (user_id) WHERE settled_at IS NULL;

-- The monthly sum now needs each row's job to tell studio work from paid orders.
DROP INDEX idx_llm_usage_user_month;
CREATE INDEX idx_llm_usage_user_month ON llm_usage (user_id, created_at)
    INCLUDE (input_tokens, output_tokens, job_id)
    WHERE user_id IS NOT NULL;

-- Studio jobs queued before budgets were reserved keep counting: record them as settled reservations.
INSERT INTO llm_budget_reservations (job_id, user_id, tokens, reserved_at, settled_at)
SELECT id, user_id, 0, created_at, created_at
FROM ai_jobs
WHERE order_id IS NULL AND job_type IN ('course_generation', 'document_generation');
