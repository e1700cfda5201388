package dev.miyabi.platform.agents.internal;

import dev.miyabi.platform.agents.Agent;
import dev.miyabi.platform.agents.AgentContext;
import dev.miyabi.platform.agents.AgentExecution;
import dev.miyabi.platform.agents.AgentOverview;
import dev.miyabi.platform.agents.AgentRegistry;
import dev.miyabi.platform.agents.AgentResult;
import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentTaskCounts;
import dev.miyabi.platform.agents.AgentTaskFilter;
import dev.miyabi.platform.agents.AgentTaskRequest;
import dev.miyabi.platform.agents.AgentTaskStatus;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.agents.Orchestrator;
import dev.miyabi.platform.aijobs.JobAbortedException;
import dev.miyabi.platform.aijobs.JobContext;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Routes each task to the registered agent of its type and records the execution on the board. The
 * agent runs outside any transaction; the board's changes before and after it are transactions of
 * their own.
 */
class DefaultOrchestrator implements Orchestrator {

    private static final Logger log = LoggerFactory.getLogger(DefaultOrchestrator.class);

    private final AgentRegistry registry;
    private final AgentTaskBoard board;

    DefaultOrchestrator(AgentRegistry registry, AgentTaskBoard board) {
        this.registry = registry;
        this.board = board;
    }

    @Override
    public AgentExecution execute(AgentTaskRequest request) {
        return run(board.create(request, AgentTask.Execution.INLINE, null), null);
    }

    @Override
    public AgentExecution execute(AgentTaskRequest request, JobContext job) {
        AgentTask task = board.findByJob(job.jobId())
                .orElseGet(() -> board.create(request, AgentTask.Execution.JOB, job.jobId()));
        return run(task, job);
    }

    /** Runs a task already on the board inside the job that was queued for it. */
    AgentExecution executeTask(UUID taskId, JobContext job) {
        AgentTask task = board.find(taskId)
                .orElseThrow(() -> new IllegalStateException(
                        "Agent task " + taskId + " of job " + job.jobId() + " does not exist"));
        return run(task, job);
    }

    @Override
    public AgentTask dispatch(AgentTaskRequest request, UUID userId) {
        return board.dispatch(request, userId);
    }

    @Override
    public AgentTask submit(AgentTaskRequest request) {
        return board.create(request, AgentTask.Execution.MANUAL, null);
    }

    @Override
    public AgentTask start(UUID taskId) {
        return board.startManual(taskId);
    }

    @Override
    public AgentTask complete(UUID taskId, JsonNode result) {
        return board.completeManual(taskId, result);
    }

    @Override
    public AgentTask fail(UUID taskId, String error) {
        return board.failManual(taskId, error);
    }

    @Override
    public AgentTask retry(UUID taskId, UUID requestedBy) {
        return board.retry(taskId, requestedBy);
    }

    @Override
    public AgentTask cancel(UUID taskId, @Nullable UUID requestedBy) {
        return board.cancel(taskId, requestedBy);
    }

    @Override
    public Optional<AgentTask> find(UUID taskId) {
        return board.find(taskId);
    }

    @Override
    public Optional<AgentTask> findByJob(UUID jobId) {
        return board.findByJob(jobId);
    }

    @Override
    public PageResponse<AgentTask> tasks(AgentTaskFilter filter, PageQuery page) {
        return board.page(filter, page);
    }

    @Override
    public List<AgentOverview> agents() {
        Map<AgentType, AgentTaskCounts> counts = board.taskCounts();
        return Arrays.stream(AgentType.values())
                .map(type -> {
                    AgentTaskCounts c = counts.get(type);
                    long working = c.count(AgentTaskStatus.WORKING);
                    return new AgentOverview(
                            type.id(),
                            type,
                            type.displayName(),
                            type.description(),
                            working > 0 ? AgentOverview.Status.BUSY : AgentOverview.Status.IDLE,
                            working,
                            c.count(AgentTaskStatus.COMPLETED),
                            c.count(AgentTaskStatus.FAILED),
                            c.avgDurationMs(),
                            registry.has(type));
                })
                .toList();
    }

    @Override
    public Map<AgentType, AgentTaskCounts> taskCounts() {
        return board.taskCounts();
    }

    @Override
    public List<AgentTask> queue(int limit) {
        return board.queue(Math.clamp(limit, 1, 100));
    }

    private AgentExecution run(AgentTask submitted, @Nullable JobContext job) {
        AgentTask task = board.beginExecution(submitted.id(), job != null);
        switch (task.status()) {
            case WORKING -> {}
            case COMPLETED -> {
                // An earlier attempt finished the task but its job did not record it: same result again.
                return new AgentExecution(task, stored(task));
            }
            case CANCELLED -> {
                if (job != null) {
                    throw new JobAbortedException(job.jobId(), JobAbortedException.Reason.CANCELLED);
                }
                return new AgentExecution(task, AgentResult.failed("The task was cancelled"));
            }
            default ->
                throw new IllegalStateException("Task " + task.id() + " cannot run while "
                        + task.status().value());
        }
        Optional<Agent> agent = registry.find(task.agentType());
        if (agent.isEmpty()) {
            AgentResult missing = AgentResult.failed("No agent is registered for "
                    + task.agentType().value() + " (" + task.agentType().id() + ") on this instance");
            return new AgentExecution(finish(task, missing, job), missing);
        }
        long started = System.nanoTime();
        AgentResult result;
        try {
            result = agent.get().execute(task, new Context(task.id(), job));
            if (result == null) {
                result = AgentResult.failed("The agent returned no result");
            }
        } catch (JobAbortedException aborted) {
            if (aborted.reason() == JobAbortedException.Reason.CANCELLED) {
                board.cancelIfOpen(task.id());
            }
            throw aborted;
        } catch (RuntimeException e) {
            if (job != null) {
                // The job's attempt fails and is retried; the task stays working until the job ends.
                throw e;
            }
            log.warn("Agent {} failed on task {}", task.agentType().value(), task.id(), e);
            result = AgentResult.failed(describe(e));
        }
        result = result.withDuration((System.nanoTime() - started) / 1_000_000);
        AgentTask finished = finish(task, result, job);
        log.info(
                "Agent {} finished task {} ({}): {} in {} ms",
                task.agentType().value(),
                task.id(),
                task.title(),
                result.status().value(),
                result.metrics().durationMs());
        if (finished.status() == AgentTaskStatus.CANCELLED && job != null) {
            throw new JobAbortedException(job.jobId(), JobAbortedException.Reason.CANCELLED);
        }
        return new AgentExecution(finished, result);
    }

    /** Records the result; inside a job only while its attempt holds the lease (else JobAbortedException). */
    private AgentTask finish(AgentTask task, AgentResult result, @Nullable JobContext job) {
        return job == null ? board.finish(task.id(), result) : job.underLease(() -> board.finish(task.id(), result));
    }

    private static AgentResult stored(AgentTask task) {
        AgentResult.Status outcome = task.outcome() == null ? AgentResult.Status.SUCCESS : task.outcome();
        return new AgentResult(
                outcome,
                task.result(),
                outcome == AgentResult.Status.SUCCESS ? null : String.valueOf(task.error()),
                new AgentResult.Metrics(
                        task.durationMs() == null ? 0 : task.durationMs(), task.inputTokens(), task.outputTokens()));
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank()
                ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + message;
    }

    /** What the agent sees: the job, if any, and cancellation from the board or the job. */
    private final class Context implements AgentContext {

        private final UUID taskId;
        private final @Nullable JobContext job;

        Context(UUID taskId, @Nullable JobContext job) {
            this.taskId = taskId;
            this.job = job;
        }

        @Override
        public Optional<JobContext> job() {
            return Optional.ofNullable(job);
        }

        @Override
        public boolean cancellationRequested() {
            boolean cancelled = board.status(taskId)
                    .map(s -> s == AgentTaskStatus.CANCELLED)
                    .orElse(true);
            return cancelled || (job != null && job.cancellationRequested());
        }
    }
}
