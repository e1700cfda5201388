package dev.miyabi.platform.agents;

import org.jspecify.annotations.Nullable;

/**
 * A task on the board was created or changed ({@code agent.task.updated}); carries the whole task after
 * the change and the status before it ({@code null} for a new task).
 */
public record AgentTaskUpdated(AgentTask task, @Nullable AgentTaskStatus previousStatus) {}
