package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.agents.AgentTaskCounts;
import dev.miyabi.platform.agents.AgentTaskStatus;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.agents.Orchestrator;
import dev.miyabi.platform.realtime.ClientEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The task board per agent: {@code <agent>.<status>} task counts plus {@code <agent>.durationMs} and
 * {@code <agent>.withDuration} (sum and number of completed tasks' durations, for the mean); {@code
 * agent.task.updated} events may move them.
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
