package dev.miyabi.platform.agents;

import dev.miyabi.platform.aijobs.JobContext;
import dev.miyabi.platform.aijobs.JobHandler;
import dev.miyabi.platform.aijobs.JobOutcome;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link JobHandler} that runs the jobs of one type through an agent, so each job is a task on the
 * board. For example, a module that provides the course generator declares
 *
 * <pre>{@code
 * @Bean
 * JobHandler courseGenerationJobs(Orchestrator orchestrator) {
 *     return AgentJobHandler.of("course_generation", AgentType.COURSE_GENERATOR, orchestrator,
 *             job -> "Generate course: " + job.input().path("topic").asString());
 * }
 * }</pre>
 *
 * <p>The task's resource is the job's order when it has one, else the job. The agent gets the job
 * through {@link AgentContext#job()} for durable steps and progress.
 */
public final class AgentJobHandler implements JobHandler {

    private final String jobType;
    private final AgentType agentType;
    private final Orchestrator orchestrator;
    private final Function<JobContext, String> title;

    private AgentJobHandler(
            String jobType, AgentType agentType, Orchestrator orchestrator, Function<JobContext, String> title) {
        this.jobType = Objects.requireNonNull(jobType, "jobType");
        this.agentType = Objects.requireNonNull(agentType, "agentType");
        this.orchestrator = Objects.requireNonNull(orchestrator, "orchestrator");
        this.title = Objects.requireNonNull(title, "title");
    }

    public static AgentJobHandler of(
            String jobType, AgentType agentType, Orchestrator orchestrator, Function<JobContext, String> title) {
        return new AgentJobHandler(jobType, agentType, orchestrator, title);
    }

    @Override
    public String type() {
        return jobType;
    }

    @Override
    public JobOutcome run(JobContext job) {
        String name = title.apply(job);
        AgentTaskRequest request = AgentTaskRequest.of(
                        agentType, name.length() > 255 ? name.substring(0, 255) : name, job.input())
                .withPriority(job.job().priority());
        request = job.orderId().isPresent()
                ? request.withResource("order", job.orderId().get())
                : request.withResource("ai_job", job.jobId());
        return orchestrator.execute(request, job).toJobOutcome();
    }
}
