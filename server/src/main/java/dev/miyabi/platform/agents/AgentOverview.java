package dev.miyabi.platform.agents;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One agent as {@code GET /api/agents} shows it, computed from the board.
 *
 * @param status {@code busy} while it works on a task, else {@code idle}
 * @param activeTasks tasks it is working on now
 * @param avgDurationMs the mean duration of its completed tasks (0 before the first)
 * @param available whether an implementation is registered on this instance
 */
public record AgentOverview(
        int id,
        AgentType type,
        String name,
        String description,
        Status status,
        long activeTasks,
        long completedTasks,
        long failedTasks,
        long avgDurationMs,
        boolean available) {

    public enum Status {
        IDLE,
        BUSY;

        @JsonValue
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
