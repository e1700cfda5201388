-- Requests counted per subject (a client address, an email) in fixed windows: registrations and
-- password-reset requests. One row per subject and window; old windows are purged.
CREATE TABLE rate_counters (
    kind         VARCHAR(30) NOT NULL,
    subject      TEXT NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (kind, subject, window_start)
);
CREATE INDEX idx_rate_counters_window_start ON rate_counters (window_start);

-- Password-reset links: only the SHA-256 of the token is stored; a token is used once.
CREATE TABLE password_resets (
    id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash BYTEA NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX idx_password_resets_user ON password_resets (user_id);
CREATE INDEX idx_password_resets_expires_at ON password_resets (expires_at);
