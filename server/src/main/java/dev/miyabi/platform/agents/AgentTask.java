package dev.miyabi.platform.agents;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A task on the agent board, as it stands.
 *
 * @param retryCount retries from the board so far (at most 3)
 * @param execution how the task runs, which decides what a retry does
 * @param aiJobId the AI job the task runs in, when it runs as one
 * @param issueUrl the GitHub issue mirroring the task, once the board is mirrored
 * @param outcome the agent's verdict once it finished ({@code escalated} tasks are {@code completed})
 * @param durationMs how long the agent worked, once finished
 */
public record AgentTask(
        UUID id,
        String title,
        AgentType agentType,
        AgentTaskStatus status,
        Execution execution,
        int priority,
        int retryCount,
        @Nullable String resourceType,
        @Nullable String resourceId,
        @Nullable UUID aiJobId,
        @Nullable String issueUrl,
        JsonNode input,
        AgentResult.@Nullable Status outcome,
        @Nullable JsonNode result,
        @Nullable String error,
        long inputTokens,
        long outputTokens,
        @Nullable Long durationMs,
        @Nullable Instant startedAt,
        @Nullable Instant completedAt,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /** How a task runs. */
    public enum Execution {
        /** On the caller's thread; a retry runs it again as an AI job. */
        INLINE,
        /** Inside an AI job; a retry re-queues that job (finished steps are kept). */
        JOB,
        /** By people; a retry puts it back to {@code submitted}. */
        MANUAL;

        @JsonValue
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The most retries the board allows for one task. */
    public static final int MAX_RETRIES = 3;
}
