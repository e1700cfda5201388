package dev.miyabi.platform.agents.internal;

import dev.miyabi.platform.agents.AgentTaskIssues;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class AgentTaskIssueLinks implements AgentTaskIssues {

    private final AgentTasks tasks;

    AgentTaskIssueLinks(AgentTasks tasks) {
        this.tasks = tasks;
    }

    @Override
    @Transactional
    public boolean linkIssue(UUID taskId, String issueUrl) {
        return tasks.linkIssue(taskId, issueUrl);
    }
}
