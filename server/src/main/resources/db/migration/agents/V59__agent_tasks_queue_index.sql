-- The open tasks in the order agents serve them (priority, then age), for the state's task queue.
CREATE INDEX idx_agent_tasks_queue ON agent_tasks (priority DESC, created_at, id)
    WHERE status IN ('submitted', 'working');
