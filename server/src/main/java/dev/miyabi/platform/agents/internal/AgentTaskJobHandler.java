package dev.miyabi.platform.agents.internal;

import dev.miyabi.platform.agents.Orchestrator;
import dev.miyabi.platform.aijobs.JobContext;
import dev.miyabi.platform.aijobs.JobHandler;
import dev.miyabi.platform.aijobs.JobOutcome;
import java.util.UUID;
import java.util.function.Supplier;

/** Runs dispatched and retried board tasks: the jobs of type {@value Orchestrator#AGENT_TASK_JOB_TYPE}. */
final class AgentTaskJobHandler implements JobHandler {

    private final Supplier<DefaultOrchestrator> orchestrator;

    AgentTaskJobHandler(Supplier<DefaultOrchestrator> orchestrator) {
        this.orchestrator = orchestrator;
    }

    @Override
    public String type() {
        return Orchestrator.AGENT_TASK_JOB_TYPE;
    }

    @Override
    public JobOutcome run(JobContext job) {
        String taskId = job.input().path("taskId").asString("");
        UUID id;
        try {
            id = UUID.fromString(taskId);
        } catch (IllegalArgumentException e) {
            return JobOutcome.failed("The job names no agent task (input.taskId)");
        }
        return orchestrator.get().executeTask(id, job).toJobOutcome();
    }
}
