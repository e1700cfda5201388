package dev.miyabi.platform.agents;

import dev.miyabi.platform.aijobs.JobContext;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Routes tasks to the agent of their {@link AgentType} and keeps the agent task board: every execution
 * is a task that goes {@code submitted → working → completed | failed | cancelled}, each change published
 * as {@link AgentTaskUpdated}. A task runs in one of three ways ({@link AgentTask.Execution}):
 *
 * <ul>
 *   <li>{@link #execute(AgentTaskRequest)} — now, on the caller's thread;
 *   <li>{@link #execute(AgentTaskRequest, JobContext)} — now, inside an AI job (one task per job, reused
 *       by every attempt), with the job's durable steps; {@link #dispatch} queues such a job (type
 *       {@value #AGENT_TASK_JOB_TYPE}) to run the task later on any instance;
 *   <li>{@link #submit} — by people, who {@link #start}, {@link #complete} or {@link #fail} it.
 * </ul>
 *
 * <p>A module's own typed calls are recorded on the same board by the {@link AgentBoard}; the orchestrator
 * is for work that reaches an {@link Agent} as data.
 *
 * <p>A failed task may be retried up to {@value AgentTask#MAX_RETRIES} times: a job task re-queues its
 * job, an inline task runs again as a new {@value #AGENT_TASK_JOB_TYPE} job, a manual task goes back to
 * {@code submitted}. Cancelling an open task also cancels its job. Refusals are 404 {@code not_found} and
 * 409 {@code invalid_state}.
 */
public interface Orchestrator {

    /** The AI job type that runs dispatched and retried tasks. */
    String AGENT_TASK_JOB_TYPE = "agent_task";

    /** Sort fields accepted by {@link #tasks}. */
    Set<String> SORTABLE = Set.of("createdAt", "updatedAt", "priority");

    /**
     * Runs the task's agent now on this thread. A missing agent or an exception ends the task
     * {@code failed} with a failed result; nothing is thrown for them.
     */
    AgentExecution execute(AgentTaskRequest request);

    /**
     * Runs the task's agent now inside the given AI job. The job's board task is created on its first
     * attempt and reused by later ones. An exception from the agent propagates, so the job's attempt fails
     * and is retried; when the job fails for good or is cancelled, so is the task.
     * {@link AgentExecution#toJobOutcome()} turns the result into the job's outcome.
     */
    AgentExecution execute(AgentTaskRequest request, JobContext job);

    /** Puts the task on the board and queues it as an AI job owned by {@code userId}; returns it submitted. */
    AgentTask dispatch(AgentTaskRequest request, UUID userId);

    /** Puts a task for people on the board ({@code submitted}). */
    AgentTask submit(AgentTaskRequest request);

    /** A person took a manual task: submitted → working. */
    AgentTask start(UUID taskId);

    /** A person finished a manual task (submitted or working → completed). */
    AgentTask complete(UUID taskId, JsonNode result);

    /** A manual task could not be done (submitted or working → failed). */
    AgentTask fail(UUID taskId, String error);

    /** Retries a failed task (at most {@value AgentTask#MAX_RETRIES} times); {@code requestedBy} owns a new job. */
    AgentTask retry(UUID taskId, UUID requestedBy);

    /** Cancels a submitted or working task (and its AI job) for {@code requestedBy} (null: the platform). */
    AgentTask cancel(UUID taskId, @Nullable UUID requestedBy);

    Optional<AgentTask> find(UUID taskId);

    /** The board task of an AI job. */
    Optional<AgentTask> findByJob(UUID jobId);

    PageResponse<AgentTask> tasks(AgentTaskFilter filter, PageQuery page);

    /** All five agents with their board statistics, in id order. */
    List<AgentOverview> agents();

    /** Per agent type (all five present): tasks by status and the durations of completed tasks. */
    Map<AgentType, AgentTaskCounts> taskCounts();

    /**
     * The open tasks (submitted or working) in the order they are served: highest priority first, then
     * oldest; at most {@code limit} (capped at 100).
     */
    List<AgentTask> queue(int limit);
}
