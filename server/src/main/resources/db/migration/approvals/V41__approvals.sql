-- Approvals (API.md, "Approvals"): policies that match orders, requests with their ordered stages, the
-- decisions of each approver, and an append-only audit trail.
CREATE TABLE approval_policies (
    id            UUID PRIMARY KEY,
    name          VARCHAR(200) NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT true,
    priority      INTEGER NOT NULL DEFAULT 0,
    resource_type VARCHAR(30) NOT NULL DEFAULT 'order',
    min_amount    DECIMAL(10, 2) NOT NULL DEFAULT 0,
    currency      CHAR(3),
    categories    VARCHAR(50)[] NOT NULL DEFAULT '{}',
    stages        JSONB NOT NULL,
    version       BIGINT NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at    TIMESTAMPTZ,
    CONSTRAINT approval_policies_min_amount CHECK (min_amount >= 0),
    CONSTRAINT approval_policies_resource_known CHECK (resource_type IN ('order'))
);
CREATE INDEX idx_approval_policies_matching ON approval_policies (resource_type, priority DESC, min_amount DESC)
    WHERE active AND deleted_at IS NULL;
CREATE INDEX idx_approval_policies_created ON approval_policies (created_at DESC, id) WHERE deleted_at IS NULL;

-- One request per resource (an order has at most one approval request; changes reopen it).
CREATE TABLE approval_requests (
    id            UUID PRIMARY KEY,
    resource_type VARCHAR(30) NOT NULL,
    resource_id   UUID NOT NULL,
    requester_id  UUID NOT NULL REFERENCES users (id),
    policy_id     UUID NOT NULL REFERENCES approval_policies (id),
    policy_name   VARCHAR(200) NOT NULL,
    amount        DECIMAL(10, 2) NOT NULL,
    currency      CHAR(3) NOT NULL,
    category      VARCHAR(50),
    status        VARCHAR(20) NOT NULL,
    current_stage INTEGER,
    round         INTEGER NOT NULL DEFAULT 1,
    version       BIGINT NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    decided_at    TIMESTAMPTZ,
    CONSTRAINT approval_requests_status_known CHECK (status IN ('pending', 'approved', 'rejected',
        'changes_requested', 'expired', 'cancelled')),
    CONSTRAINT approval_requests_one_per_resource UNIQUE (resource_type, resource_id)
);
CREATE INDEX idx_approval_requests_requester ON approval_requests (requester_id, created_at DESC, id);
CREATE INDEX idx_approval_requests_status ON approval_requests (status, created_at DESC, id);
CREATE INDEX idx_approval_requests_created ON approval_requests (created_at DESC, id);

-- The stages of a request, copied from its policy when it was opened (later policy edits do not change
-- open requests). approvers: who may decide in the current round, fixed when the stage starts.
CREATE TABLE approval_stages (
    request_id    UUID NOT NULL REFERENCES approval_requests (id),
    idx           INTEGER NOT NULL,
    name          VARCHAR(100) NOT NULL,
    mode          VARCHAR(10) NOT NULL,
    approver_role VARCHAR(20),
    approver_ids  UUID[] NOT NULL DEFAULT '{}',
    timeout_hours INTEGER,
    on_timeout    VARCHAR(10) NOT NULL DEFAULT 'escalate',
    status        VARCHAR(20) NOT NULL,
    approvers     UUID[] NOT NULL DEFAULT '{}',
    escalated     BOOLEAN NOT NULL DEFAULT false,
    started_at    TIMESTAMPTZ,
    due_at        TIMESTAMPTZ,
    decided_at    TIMESTAMPTZ,
    PRIMARY KEY (request_id, idx),
    CONSTRAINT approval_stages_mode_known CHECK (mode IN ('any', 'all', 'majority')),
    CONSTRAINT approval_stages_on_timeout_known CHECK (on_timeout IN ('escalate', 'reject')),
    CONSTRAINT approval_stages_status_known CHECK (status IN ('waiting', 'pending', 'approved', 'rejected',
        'changes_requested', 'expired', 'cancelled'))
);
-- The approver's inbox (approvers @> ARRAY[me]) and the timeout job (due stages).
CREATE INDEX idx_approval_stages_approvers ON approval_stages USING gin (approvers);
CREATE INDEX idx_approval_stages_due ON approval_stages (due_at) WHERE status = 'pending' AND due_at IS NOT NULL;

-- One decision per approver, stage and round (a reopened request starts a new round).
CREATE TABLE approval_decisions (
    id            UUID PRIMARY KEY,
    request_id    UUID NOT NULL REFERENCES approval_requests (id),
    round         INTEGER NOT NULL,
    stage_idx     INTEGER NOT NULL,
    approver_id   UUID NOT NULL REFERENCES users (id),
    approver_name VARCHAR(255) NOT NULL,
    decision      VARCHAR(20) NOT NULL,
    comment       TEXT,
    at            TIMESTAMPTZ NOT NULL,
    CONSTRAINT approval_decisions_known CHECK (decision IN ('approve', 'reject', 'request_changes')),
    CONSTRAINT approval_decisions_one_per_approver UNIQUE (request_id, round, stage_idx, approver_id)
);
CREATE INDEX idx_approval_decisions_approver ON approval_decisions (approver_id, request_id);

-- Who did what, when, from which status to which: appended, never changed.
CREATE TABLE approval_audit (
    id          BIGSERIAL PRIMARY KEY,
    request_id  UUID NOT NULL REFERENCES approval_requests (id),
    at          TIMESTAMPTZ NOT NULL,
    actor_type  VARCHAR(10) NOT NULL,
    actor_id    VARCHAR(64),
    actor_name  VARCHAR(255) NOT NULL,
    action      VARCHAR(40) NOT NULL,
    from_status VARCHAR(20),
    to_status   VARCHAR(20) NOT NULL,
    stage_idx   INTEGER,
    round       INTEGER NOT NULL,
    detail      TEXT,
    CONSTRAINT approval_audit_actor_known CHECK (actor_type IN ('user', 'agent', 'system'))
);
CREATE INDEX idx_approval_audit_request ON approval_audit (request_id, id);

CREATE FUNCTION approvals_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER approval_audit_append_only BEFORE UPDATE OR DELETE ON approval_audit
    FOR EACH ROW EXECUTE FUNCTION approvals_append_only();
CREATE TRIGGER approval_decisions_append_only BEFORE UPDATE OR DELETE ON approval_decisions
    FOR EACH ROW EXECUTE FUNCTION approvals_append_only();

-- The default policy of a fresh database (API.md): a total of 1 000 or more (any currency) needs one
-- approver; 10 000 or more needs an approver, then an admin. An approver stage that no one decides
-- within 48 hours is escalated to the admins (who then decide without a further deadline).
INSERT INTO approval_policies (id, name, active, priority, resource_type, min_amount, currency, categories, stages)
VALUES ('00000000-0000-4000-8000-000000000205', 'Default order approval', true, 0, 'order', 1000.00, NULL, '{}',
        '[{"name": "Approver review", "approverRole": "approver", "approverIds": [], "mode": "any",
           "timeoutHours": 48, "onTimeout": "escalate", "minAmount": null},
          {"name": "Admin sign-off", "approverRole": "admin", "approverIds": [], "mode": "any",
           "timeoutHours": null, "onTimeout": "escalate", "minAmount": "10000.00"}]');
