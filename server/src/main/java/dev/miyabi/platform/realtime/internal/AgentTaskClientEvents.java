package dev.miyabi.platform.realtime.internal;

import dev.miyabi.platform.agents.AgentTaskUpdated;
import dev.miyabi.platform.agents.AgentTaskView;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.realtime.ClientEvents;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent task board → {@code agent.task.updated} (resource type {@code agent_task}) with the task as
 * {@code GET /api/agents/tasks} lists it, visible to approvers (and admins) — the roles that may read
 * the board; in the publishing transaction.
 */
@Component
class AgentTaskClientEvents {

    static final String RESOURCE_TYPE = "agent_task";

    private final ClientEvents events;
    private final JsonMapper json;

    AgentTaskClientEvents(ClientEvents events, JsonMapper json) {
        this.events = events;
        this.json = json;
    }

    @EventListener
    void on(AgentTaskUpdated updated) {
        events.append(
                "agent.task.updated",
                RESOURCE_TYPE,
                updated.task().id().toString(),
                ClientPayloads.withPreviousStatus(json, AgentTaskView.of(updated.task()), updated.previousStatus()),
                List.<UUID>of(),
                List.of(Role.APPROVER));
    }
}
