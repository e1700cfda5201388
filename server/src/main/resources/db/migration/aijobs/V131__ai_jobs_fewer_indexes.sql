-- Every job changes status at least three times (queued, running, completed) and status is part of several
-- indexes, so none of these updates is HOT: each writes an entry into every index of ai_jobs. These four
-- duplicate the leading columns of another index, which serves their lookups as well:
--   (user_id)  by idx_ai_jobs_user_created (user_id, created_at DESC, id)
--   (status)   by idx_ai_jobs_status_created (status, created_at DESC, id)
--   (order_id) by idx_ai_jobs_order_unique (order_id) WHERE order_id IS NOT NULL
--   (priority DESC, run_at, id) WHERE queued: claims read idx_ai_jobs_claimable (job_type, priority DESC, run_at, id)
DROP INDEX idx_ai_jobs_user_id;
DROP INDEX idx_ai_jobs_status;
DROP INDEX idx_ai_jobs_order;
DROP INDEX idx_ai_jobs_queue_order;
