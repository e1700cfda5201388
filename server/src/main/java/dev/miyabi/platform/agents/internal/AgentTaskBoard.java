package dev.miyabi.platform.agents.internal;

import dev.miyabi.platform.agents.AgentResult;
import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentTaskCounts;
import dev.miyabi.platform.agents.AgentTaskFilter;
import dev.miyabi.platform.agents.AgentTaskRequest;
import dev.miyabi.platform.agents.AgentTaskStatus;
import dev.miyabi.platform.agents.AgentTaskUpdated;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.agents.Orchestrator;
import dev.miyabi.platform.aijobs.AiJobs;
import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.aijobs.JobStatus;
import dev.miyabi.platform.aijobs.NewJob;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.InvalidStateTransition;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The agent task board: every status change of a task, guarded (a transition the status forbids is 409
 * {@code invalid_state}) and published as {@link AgentTaskUpdated} in its transaction.
 */
@Service
class AgentTaskBoard {

    private final AgentTasks tasks;
    private final AiJobs jobs;
    private final ApplicationEventPublisher events;

    AgentTaskBoard(AgentTasks tasks, AiJobs jobs, ApplicationEventPublisher events) {
        this.tasks = tasks;
        this.jobs = jobs;
        this.events = events;
    }

    @Transactional
    public AgentTask create(AgentTaskRequest request, AgentTask.Execution execution, @Nullable UUID aiJobId) {
        AgentTask task = tasks.insert(UUID.randomUUID(), request, execution, aiJobId);
        publish(task, null);
        return task;
    }

    /** A task that runs as an {@code agent_task} job owned by {@code userId}. */
    @Transactional
    public AgentTask dispatch(AgentTaskRequest request, UUID userId) {
        UUID id = UUID.randomUUID();
        Job job = jobs.enqueue(agentTaskJob(id, userId, request.priority()));
        AgentTask task = tasks.insert(id, request, AgentTask.Execution.JOB, job.id());
        publish(task, null);
        return task;
    }

    /**
     * An execution begins: a submitted task starts working. Inside a job, a task already working (an
     * earlier attempt died) goes on, and a failed one (its job was retried) works again. Any other status
     * is returned unchanged for the caller to decide.
     */
    @Transactional
    public AgentTask beginExecution(UUID id, boolean inJob) {
        AgentTask task = lock(id);
        boolean starts =
                task.status() == AgentTaskStatus.SUBMITTED || (inJob && task.status() == AgentTaskStatus.FAILED);
        if (starts) {
            return changed(tasks.markWorking(id), task.status());
        }
        return task;
    }

    /** Records the agent's result on a working task; a task cancelled meanwhile stays cancelled. */
    @Transactional
    public AgentTask finish(UUID id, AgentResult result) {
        AgentTask task = lock(id);
        if (task.status() != AgentTaskStatus.WORKING) {
            return task;
        }
        AgentTaskStatus status =
                result.status() == AgentResult.Status.FAILED ? AgentTaskStatus.FAILED : AgentTaskStatus.COMPLETED;
        return changed(tasks.finish(id, status, result), task.status());
    }

    /** Ends the open task of a job that failed for good or was cancelled; nothing if it already ended. */
    @Transactional
    public Optional<AgentTask> endForJob(UUID jobId, AgentTaskStatus status, @Nullable String error) {
        return tasks.lockByJob(jobId)
                .filter(task -> task.status().isOpen())
                .map(task -> changed(tasks.end(task.id(), status, error), task.status()));
    }

    /** Ends an open task as cancelled (its job stopped); nothing if it already ended. */
    @Transactional
    public AgentTask cancelIfOpen(UUID id) {
        AgentTask task = lock(id);
        return task.status().isOpen() ? changed(tasks.end(id, AgentTaskStatus.CANCELLED, null), task.status()) : task;
    }

    @Transactional
    public AgentTask startManual(UUID id) {
        AgentTask task = manual(id);
        if (task.status() != AgentTaskStatus.SUBMITTED) {
            throw refused(task, AgentTaskStatus.WORKING, "started", "submitted");
        }
        return changed(tasks.markWorking(id), task.status());
    }

    @Transactional
    public AgentTask completeManual(UUID id, JsonNode result) {
        AgentTask task = manual(id);
        if (!task.status().isOpen()) {
            throw refused(task, AgentTaskStatus.COMPLETED, "completed", "submitted or working");
        }
        return changed(tasks.completeManually(id, result), task.status());
    }

    @Transactional
    public AgentTask failManual(UUID id, String error) {
        AgentTask task = manual(id);
        if (!task.status().isOpen()) {
            throw refused(task, AgentTaskStatus.FAILED, "failed", "submitted or working");
        }
        return changed(tasks.end(id, AgentTaskStatus.FAILED, error), task.status());
    }

    /**
     * Retries a failed task, at most {@link AgentTask#MAX_RETRIES} times: a job task re-queues its job
     * (which must have failed), an inline task runs again as a new job owned by {@code requestedBy}, a
     * manual task goes back to submitted.
     */
    @Transactional
    public AgentTask retry(UUID id, UUID requestedBy) {
        AgentTask task = lock(id);
        if (task.status() != AgentTaskStatus.FAILED) {
            throw refused(task, AgentTaskStatus.SUBMITTED, "retried", "failed");
        }
        if (task.retryCount() >= AgentTask.MAX_RETRIES) {
            throw new InvalidStateTransition(
                    task.status().value(),
                    AgentTaskStatus.SUBMITTED.value(),
                    "The task was retried " + task.retryCount() + " times already; at most " + AgentTask.MAX_RETRIES
                            + " retries are allowed");
        }
        AgentTask retried = switch (task.execution()) {
            case MANUAL -> tasks.resubmit(id, AgentTask.Execution.MANUAL, null);
            case JOB -> {
                UUID jobId = task.aiJobId();
                if (jobId == null) {
                    throw new IllegalStateException("job task " + id + " has no job");
                }
                jobs.retry(jobId);
                yield tasks.resubmit(id, AgentTask.Execution.JOB, null);
            }
            case INLINE -> {
                Job job = jobs.enqueue(agentTaskJob(id, requestedBy, task.priority()));
                yield tasks.resubmit(id, AgentTask.Execution.JOB, job.id());
            }
        };
        return changed(retried, task.status());
    }

    /** Cancels a submitted or working task and the AI job it runs in. */
    @Transactional
    public AgentTask cancel(UUID id, @Nullable UUID requestedBy) {
        AgentTask task = lock(id);
        if (!task.status().isOpen()) {
            throw refused(task, AgentTaskStatus.CANCELLED, "cancelled", "submitted or working");
        }
        AgentTask cancelled = changed(tasks.end(id, AgentTaskStatus.CANCELLED, null), task.status());
        UUID jobId = task.aiJobId();
        if (jobId != null) {
            jobs.find(jobId)
                    .filter(job -> job.status() == JobStatus.QUEUED || job.status() == JobStatus.RUNNING)
                    .ifPresent(job -> {
                        if (requestedBy == null) {
                            jobs.cancel(job.id());
                        } else {
                            jobs.cancel(job.id(), requestedBy);
                        }
                    });
        }
        return cancelled;
    }

    @Transactional(readOnly = true)
    public Optional<AgentTask> find(UUID id) {
        return tasks.find(id);
    }

    @Transactional(readOnly = true)
    public Optional<AgentTask> findByJob(UUID jobId) {
        return tasks.findByJob(jobId);
    }

    @Transactional(readOnly = true)
    public Optional<AgentTaskStatus> status(UUID id) {
        return tasks.status(id);
    }

    @Transactional(readOnly = true)
    public PageResponse<AgentTask> page(AgentTaskFilter filter, PageQuery page) {
        if (!AgentTasks.SORTABLE.containsKey(page.sortField())) {
            throw ApiException.validation("sort", "must be one of createdAt, priority, updatedAt");
        }
        return PageResponse.of(
                tasks.page(filter.status(), filter.agentType(), page),
                page,
                tasks.count(filter.status(), filter.agentType()));
    }

    @Transactional(readOnly = true)
    public Map<AgentType, AgentTaskCounts> taskCounts() {
        return tasks.taskCounts();
    }

    @Transactional(readOnly = true)
    public List<AgentTask> queue(int limit) {
        return tasks.queue(limit);
    }

    private AgentTask lock(UUID id) {
        return tasks.lock(id).orElseThrow(() -> ApiException.notFound("Agent task"));
    }

    private AgentTask manual(UUID id) {
        AgentTask task = lock(id);
        if (task.execution() != AgentTask.Execution.MANUAL) {
            throw new InvalidStateTransition(
                    task.status().value(),
                    "The task runs as " + task.execution().value()
                            + "; only manual tasks are started, completed or failed by people");
        }
        return task;
    }

    /** The task's status refuses the move to {@code requested}; {@code action} names it in the detail. */
    private static InvalidStateTransition refused(
            AgentTask task, AgentTaskStatus requested, String action, String allowed) {
        return new InvalidStateTransition(
                task.status().value(),
                requested.value(),
                "The task is " + task.status().value() + "; only " + allowed + " tasks can be " + action);
    }

    private AgentTask changed(AgentTask task, @Nullable AgentTaskStatus previous) {
        publish(task, previous);
        return task;
    }

    private void publish(AgentTask task, @Nullable AgentTaskStatus previous) {
        events.publishEvent(new AgentTaskUpdated(task, previous));
    }

    private static NewJob agentTaskJob(UUID taskId, UUID userId, int priority) {
        return NewJob.of(
                        Orchestrator.AGENT_TASK_JOB_TYPE,
                        JsonNodeFactory.instance.objectNode().put("taskId", taskId.toString()),
                        userId)
                .withPriority(priority);
    }
}
