-- Every running instance records its open /ws sockets here every few seconds, so any instance can tell
-- how many clients the whole deployment serves (the state projection's userState). A clean stop deletes
-- the row; a killed instance's row goes stale and is ignored, then deleted.
CREATE TABLE realtime_presence (
    instance_id VARCHAR(100) PRIMARY KEY,
    connections INTEGER NOT NULL,
    users       INTEGER NOT NULL,
    reported_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT realtime_presence_counts CHECK (connections >= 0 AND users >= 0)
);
