package dev.miyabi.platform.state;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.miyabi.platform.agents.AgentType;
import java.util.Locale;

/**
 * One agent's figures from the task board (as {@code GET /api/agents}, plus submitted and cancelled
 * tasks; without {@code available}, which differs per instance).
 *
 * @param status {@code busy} while it works on a task, else {@code idle}
 * @param activeTasks tasks it works on now
 * @param avgDurationMs the mean duration of its completed tasks (0 before the first)
 */
public record AgentStatus(
        int id,
        AgentType type,
        String name,
        Status status,
        long submittedTasks,
        long activeTasks,
        long completedTasks,
        long failedTasks,
        long cancelledTasks,
        long avgDurationMs) {

    public enum Status {
        IDLE,
        BUSY;

        @JsonValue
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
