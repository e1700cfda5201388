-- The metrics summary counts jobs that ended (completed, failed, cancelled) per hour by completed_at.
CREATE INDEX idx_ai_jobs_ended ON ai_jobs (completed_at) WHERE completed_at IS NOT NULL;
