package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.agents.AgentTaskCounts;
import dev.miyabi.platform.agents.AgentTaskStatus;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.agents.Orchestrator;
import dev.miyabi.platform.realtime.ClientEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The task board per agent: {@code <agent>.<status>} task counts plus {@code <agent>.durationMs} and
 * {@code <agent>.withDuration} (sum and number of completed tasks' durations, for the mean), kept from
 * {@code agent.task.updated} events.
 */
@Component
class AgentTaskCounter implements Counter {

    static final String GROUP = "agentTasks";
    static final String RESOURCE_TYPE = "agent_task";

    private final Orchestrator orchestrator;

    AgentTaskCounter(Orchestrator orchestrator) {
        this.orchestrator = orchestrator;
    }

    @Override
    public String group() {
        return GROUP;
    }

    @Override
    public boolean concerns(ClientEvent event) {
        return event.resourceType().equals(RESOURCE_TYPE);
    }

    @Override
    public @Nullable Map<String, Long> delta(ClientEvent event) {
        JsonNode payload = event.payload();
        Map<String, Long> statusChange = StatusCounter.statusChange(payload);
        JsonNode agent = payload.get("agentType");
        if (statusChange == null || agent == null || !agent.isString()) {
            return null;
        }
        String prefix = agent.asString() + ".";
        Map<String, Long> delta = new LinkedHashMap<>();
        statusChange.forEach((status, change) -> delta.put(prefix + status, change));
        String completed = AgentTaskStatus.COMPLETED.value();
        if (delta.containsKey(prefix + completed)) {
            if (delta.get(prefix + completed) < 0) {
                return null; // a completed task changed again: its old duration is unknown
            }
            JsonNode duration = payload.get("durationMs");
            if (duration != null && duration.isNumber()) {
                delta.put(prefix + "durationMs", duration.asLong());
                delta.put(prefix + "withDuration", 1L);
            }
        }
        return delta;
    }

    @Override
    public Map<String, Long> recount() {
        return flatten(orchestrator.taskCounts());
    }

    static Map<String, Long> flatten(Map<AgentType, AgentTaskCounts> counts) {
        Map<String, Long> flat = new LinkedHashMap<>();
        for (AgentType type : AgentType.values()) {
            AgentTaskCounts c = counts.getOrDefault(type, AgentTaskCounts.none());
            for (AgentTaskStatus status : AgentTaskStatus.values()) {
                flat.put(type.value() + "." + status.value(), c.count(status));
            }
            flat.put(type.value() + ".durationMs", c.completedDurationMs());
            flat.put(type.value() + ".withDuration", c.completedWithDuration());
        }
        return flat;
    }
}
