package dev.miyabi.platform.agents;

import java.util.UUID;

/**
 * Links a task on the board to the issue that mirrors it (its {@code issueUrl}). Not a status change: no
 * {@link AgentTaskUpdated} is published, so recording the link never echoes back to the mirror.
 */
public interface AgentTaskIssues {

    /** Sets the task's {@code issueUrl}; false when the task does not exist. */
    boolean linkIssue(UUID taskId, String issueUrl);
}
