package dev.miyabi.platform.agents;

import java.util.EnumMap;
import java.util.Map;

/**
 * The board's figures for one agent: tasks in each status and the durations of its completed tasks,
 * from which {@link AgentOverview} derives status, counts and the mean duration. Kept as sums so a
 * projection can update them from {@link AgentTaskUpdated} events and recount them from SQL alike.
 *
 * @param byStatus tasks per status (every status present, zero included)
 * @param completedDurationMs the sum of {@code durationMs} over completed tasks that have one
 * @param completedWithDuration how many completed tasks have a {@code durationMs}
 */
public record AgentTaskCounts(
        Map<AgentTaskStatus, Long> byStatus, long completedDurationMs, long completedWithDuration) {

    public AgentTaskCounts {
        Map<AgentTaskStatus, Long> all = new EnumMap<>(AgentTaskStatus.class);
        for (AgentTaskStatus status : AgentTaskStatus.values()) {
            all.put(status, byStatus.getOrDefault(status, 0L));
        }
        byStatus = Map.copyOf(all);
    }

    public static AgentTaskCounts none() {
        return new AgentTaskCounts(Map.of(), 0, 0);
    }

    public long count(AgentTaskStatus status) {
        return byStatus.get(status);
    }

    /** The mean duration of completed tasks, rounded; 0 before the first. */
    public long avgDurationMs() {
        return completedWithDuration == 0 ? 0 : Math.round((double) completedDurationMs / completedWithDuration);
    }
}
