package dev.miyabi.platform.search.internal;

import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentTaskRequest;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.agents.Orchestrator;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Records a typed call of the search service as a ContentSearchAgent (203) task on the agent board:
 * submitted and started before the call, completed with a summary or failed with the error after it. The
 * board is a passive record here — nothing is routed through the orchestrator's JSON input — so the call
 * stays a plain method (this is the shape the board's planned {@code track} takes; until then such tasks
 * carry the board's {@code manual} execution, and a board retry of a failed one only reopens it).
 */
@Component
class SearchTasks {

    private final Orchestrator orchestrator;

    SearchTasks(Orchestrator orchestrator) {
        this.orchestrator = orchestrator;
    }

    <T> T track(String title, String resourceType, Object resourceId, Supplier<T> work, Function<T, JsonNode> summary) {
        AgentTask task = orchestrator.submit(
                AgentTaskRequest.of(AgentType.CONTENT_SEARCH, title).withResource(resourceType, resourceId));
        orchestrator.start(task.id());
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            orchestrator.fail(task.id(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw e;
        }
        orchestrator.complete(task.id(), summary.apply(result));
        return result;
    }
}
