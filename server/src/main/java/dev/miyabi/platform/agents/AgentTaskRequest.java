package dev.miyabi.platform.agents;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A task to put on the board for an agent. Start with {@link #of} and add what differs.
 *
 * @param title what the task is about, for people reading the board (1–255 characters)
 * @param input what the agent needs (stored with the task, so a retry can run it again)
 * @param priority higher first (used as the AI job's priority when the task runs as a job)
 * @param resourceType the kind of resource the task serves, e.g. {@code order}, {@code ai_job} (≤ 30)
 * @param resourceId that resource's id (≤ 64)
 */
public record AgentTaskRequest(
        AgentType agentType,
        String title,
        JsonNode input,
        int priority,
        @Nullable String resourceType,
        @Nullable String resourceId) {

    public AgentTaskRequest {
        Objects.requireNonNull(agentType, "agentType");
        Objects.requireNonNull(input, "input");
        if (title == null || title.isBlank() || title.length() > 255) {
            throw new IllegalArgumentException("A task title must be 1 to 255 characters");
        }
        if ((resourceType == null) != (resourceId == null)) {
            throw new IllegalArgumentException("resourceType and resourceId go together");
        }
        if (resourceType != null && (resourceType.length() > 30 || resourceId.length() > 64)) {
            throw new IllegalArgumentException("resourceType is at most 30 and resourceId at most 64 characters");
        }
    }

    public static AgentTaskRequest of(AgentType agentType, String title, JsonNode input) {
        return new AgentTaskRequest(agentType, title, input, 0, null, null);
    }

    public static AgentTaskRequest of(AgentType agentType, String title) {
        return of(agentType, title, JsonNodeFactory.instance.objectNode());
    }

    public AgentTaskRequest withPriority(int value) {
        return new AgentTaskRequest(agentType, title, input, value, resourceType, resourceId);
    }

    public AgentTaskRequest withResource(String type, Object id) {
        return new AgentTaskRequest(agentType, title, input, priority, type, id.toString());
    }
}
