package dev.miyabi.platform.state;

import dev.miyabi.platform.agents.AgentTaskView;
import java.util.List;

/**
 * The five agents and the work waiting for them.
 *
 * @param agents all five, in id order
 * @param openTasks tasks submitted or working, over all agents
 * @param queue the first open tasks in the order they are served (highest priority, then oldest), at
 *     most {@code miyabi.state.queue-size}
 */
public record AgentState(List<AgentStatus> agents, long openTasks, List<AgentTaskView> queue) {

    public AgentState {
        agents = List.copyOf(agents);
        queue = List.copyOf(queue);
    }
}
