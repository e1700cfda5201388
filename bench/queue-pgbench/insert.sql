INSERT INTO ai_jobs (job_type, user_id, input_params) VALUES ('pgbench.insert', :uid, '{}');
