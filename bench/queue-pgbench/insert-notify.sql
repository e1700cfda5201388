BEGIN;
INSERT INTO ai_jobs (job_type, user_id, input_params) VALUES ('pgbench.insert', :uid, '{}');
SELECT pg_notify('pgbench_chan', 'pgbench.insert');
COMMIT;
