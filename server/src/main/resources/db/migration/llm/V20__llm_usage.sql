-- The LLM gateway's ledger: one row per model call (retries that got no answer are not calls),
-- with the tokens the provider reported and the estimated cost. It backs the per-user monthly
-- token budget and the per-job usage. Rows outlive jobs (no foreign key to ai_jobs, which belongs
-- to the aijobs module); user_id is null for work no user asked for.
CREATE TABLE llm_usage (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         UUID REFERENCES users (id) ON DELETE CASCADE,
    job_id          UUID,
    task            VARCHAR(100) NOT NULL,
    operation       VARCHAR(20) NOT NULL,
    provider        VARCHAR(50) NOT NULL,
    model           VARCHAR(100) NOT NULL,
    input_tokens    BIGINT NOT NULL,
    output_tokens   BIGINT NOT NULL,
    estimated_cost  NUMERIC(14, 6) NOT NULL DEFAULT 0,
    outcome         VARCHAR(20) NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT llm_usage_tokens_not_negative CHECK (input_tokens >= 0 AND output_tokens >= 0),
    CONSTRAINT llm_usage_cost_not_negative CHECK (estimated_cost >= 0),
    CONSTRAINT llm_usage_operation_known CHECK (operation IN ('chat', 'structured', 'stream')),
    CONSTRAINT llm_usage_outcome_known CHECK (outcome IN ('success', 'invalid_output'))
);

-- The monthly budget sum: one user's rows since the start of the month, answered from the index.
CREATE INDEX idx_llm_usage_user_month ON llm_usage (user_id, created_at)
    INCLUDE (input_tokens, output_tokens, provider)
    WHERE user_id IS NOT NULL;
CREATE INDEX idx_llm_usage_job ON llm_usage (job_id) WHERE job_id IS NOT NULL;
