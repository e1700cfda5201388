package dev.miyabi.platform.agents;

import dev.miyabi.platform.aijobs.JobOutcome;
import tools.jackson.databind.node.JsonNodeFactory;

/** One execution through the orchestrator: the board task after it, and the agent's result. */
public record AgentExecution(AgentTask task, AgentResult result) {

    /**
     * The AI job outcome this execution stands for: success completes the job with the agent's data;
     * failed and escalated fail it for good (an escalation needs people, not another attempt).
     */
    public JobOutcome toJobOutcome() {
        return switch (result.status()) {
            case SUCCESS ->
                JobOutcome.completed(result.data() == null ? JsonNodeFactory.instance.objectNode() : result.data());
            case FAILED -> JobOutcome.failed(String.valueOf(result.error()));
            case ESCALATED -> JobOutcome.failed("Escalated: " + result.error());
        };
    }
}
