-- Who asked for a job's cancellation (null: the platform itself), so that an order cancelled with its job
-- names that person on its timeline.
ALTER TABLE ai_jobs ADD COLUMN cancel_requested_by UUID REFERENCES users (id);
