package dev.miyabi.platform.agents;

import org.jspecify.annotations.Nullable;

/** Narrows a task listing by status and agent. */
public record AgentTaskFilter(
        @Nullable AgentTaskStatus status, @Nullable AgentType agentType) {

    public static AgentTaskFilter none() {
        return new AgentTaskFilter(null, null);
    }
}
