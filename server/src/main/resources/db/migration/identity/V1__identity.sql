-- Identity: users (the seed schema plus credentials and roles), refresh-token families, login throttling.
CREATE TABLE users (
    id            UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    email         VARCHAR(255) UNIQUE NOT NULL,
    name          VARCHAR(255),
    cognito_sub   VARCHAR(255) UNIQUE,
    password_hash VARCHAR(255),
    roles         VARCHAR(20)[] NOT NULL DEFAULT '{customer}',
    version       BIGINT NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT users_email_normalized CHECK (email = lower(btrim(email))),
    CONSTRAINT users_roles_known CHECK (roles <@ ARRAY['customer', 'approver', 'admin']::VARCHAR(20)[])
);
CREATE INDEX idx_users_created_at ON users (created_at DESC, id);
CREATE INDEX idx_users_roles ON users USING gin (roles);

-- One family per sign-in; every refresh rotates the token inside its family.
CREATE TABLE refresh_token_families (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    last_used_at   TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    expires_at     TIMESTAMPTZ NOT NULL,
    revoked_at     TIMESTAMPTZ,
    revoked_reason VARCHAR(30),
    client_address VARCHAR(64),
    user_agent     VARCHAR(255)
);
CREATE INDEX idx_refresh_token_families_user ON refresh_token_families (user_id);
CREATE INDEX idx_refresh_token_families_active ON refresh_token_families (expires_at) WHERE revoked_at IS NULL;

-- Only the SHA-256 of a refresh token is stored.
CREATE TABLE refresh_tokens (
    id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    family_id  UUID NOT NULL REFERENCES refresh_token_families (id) ON DELETE CASCADE,
    token_hash BYTEA NOT NULL UNIQUE,
    issued_at  TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX idx_refresh_tokens_family ON refresh_tokens (family_id);

-- Failed sign-ins, counted per account and per client address by every instance alike.
CREATE TABLE login_failures (
    id             BIGSERIAL PRIMARY KEY,
    email          VARCHAR(255) NOT NULL,
    client_address VARCHAR(64) NOT NULL,
    failed_at      TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_login_failures_email ON login_failures (email, failed_at DESC);
CREATE INDEX idx_login_failures_address ON login_failures (client_address, failed_at DESC);
CREATE INDEX idx_login_failures_failed_at ON login_failures (failed_at);
