package dev.miyabi.platform.agents;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A task as the board lists it (API.md fields, plus the agent's id, outcome, error, job and timings) —
 * without its input and result, which can be large. {@code GET /api/agents/tasks} items and the payload
 * of {@code agent.task.updated} events.
 */
public record AgentTaskView(
        UUID id,
        String title,
        AgentType agentType,
        int agentId,
        AgentTaskStatus status,
        AgentTask.Execution execution,
        int priority,
        int retryCount,
        @Nullable String resourceType,
        @Nullable String resourceId,
        @Nullable String issueUrl,
        @Nullable UUID aiJobId,
        AgentResult.@Nullable Status outcome,
        @Nullable String error,
        @Nullable Long durationMs,
        TokenUsage tokenUsage,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant startedAt,
        @Nullable Instant completedAt) {

    public record TokenUsage(long input, long output) {}

    public static AgentTaskView of(AgentTask task) {
        return new AgentTaskView(
                task.id(),
                task.title(),
                task.agentType(),
                task.agentType().id(),
                task.status(),
                task.execution(),
                task.priority(),
                task.retryCount(),
                task.resourceType(),
                task.resourceId(),
                task.issueUrl(),
                task.aiJobId(),
                task.outcome(),
                task.error(),
                task.durationMs(),
                new TokenUsage(task.inputTokens(), task.outputTokens()),
                task.createdAt(),
                task.updatedAt(),
                task.startedAt(),
                task.completedAt());
    }
}
