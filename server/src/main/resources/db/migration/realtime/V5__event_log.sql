-- The client-visible event log: appended in the transaction of the change, then NOTIFY-ed; its id is
-- the version every instance's state projection agrees on. Visibility is stored with each event.
CREATE TABLE event_log (
    id            BIGSERIAL PRIMARY KEY,
    event_type    VARCHAR(50) NOT NULL,
    resource_type VARCHAR(30) NOT NULL,
    resource_id   VARCHAR(64) NOT NULL,
    payload       JSONB NOT NULL,
    visible_to_users UUID[] NOT NULL DEFAULT '{}',
    visible_to_roles VARCHAR(20)[] NOT NULL DEFAULT '{admin}',
    created_at    TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_event_log_created_at ON event_log (created_at);
CREATE INDEX idx_event_log_resource ON event_log (resource_type, resource_id, id);
