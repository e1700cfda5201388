-- The GitHub Issues mirror of the agent board (module github).

-- One row per mirrored task: its issue, and the delivery state of its pending changes. A worker claims a
-- row with a lease (lease_owner, lease_until) so one instance at a time talks to GitHub about a task.
CREATE TABLE github_issues (
    task_id           UUID PRIMARY KEY,
    task_created_at   TIMESTAMPTZ NOT NULL,
    issue_number      INTEGER,
    html_url          TEXT,
    -- Set (and committed) before an issue is created: a row with it and without a number may have an issue
    -- already (the instance died before storing it), found by its marker before another is created.
    create_started_at TIMESTAMPTZ,
    next_attempt_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts          INTEGER NOT NULL DEFAULT 0,
    lease_owner       TEXT,
    lease_until       TIMESTAMPTZ,
    last_error        TEXT,
    synced_at         TIMESTAMPTZ
);

CREATE UNIQUE INDEX idx_github_issues_number ON github_issues (issue_number) WHERE issue_number IS NOT NULL;

-- The outbox: one row per status change the board recorded, written in the board's transaction; a task is due
-- while it has rows here (the table holds only what is not yet on GitHub, so it stays small).
CREATE TABLE github_outbox (
    id              BIGSERIAL PRIMARY KEY,
    task_id         UUID NOT NULL REFERENCES github_issues (task_id) ON DELETE CASCADE,
    status          TEXT NOT NULL,
    previous_status TEXT,
    retry_count     INTEGER NOT NULL,
    -- When the change's comment was posted (a retried delivery does not post it again).
    commented_at    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_github_outbox_task ON github_outbox (task_id, id);

-- The mirror as a whole, shared by every instance: the rate-limit pause, the reconciliation cursor and lease,
-- and what the admin dashboard shows.
CREATE TABLE github_mirror (
    id                    INTEGER PRIMARY KEY CHECK (id = 1),
    paused_until          TIMESTAMPTZ,
    last_success_at       TIMESTAMPTZ,
    last_error            TEXT,
    last_error_at         TIMESTAMPTZ,
    reconciled_since      TIMESTAMPTZ,
    reconcile_lease_until TIMESTAMPTZ
);

INSERT INTO github_mirror (id) VALUES (1);
