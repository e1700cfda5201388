package dev.miyabi.platform.aijobs;

import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The AI job queue: a durable queue in PostgreSQL whose workers (on every instance) run jobs through
 * the registered {@link JobHandler}s with leases, retries with backoff, durable steps and cancellation.
 * Methods taking a {@link CurrentUser} apply the API's rules: a caller sees and acts on their own jobs
 * (404 for anyone else's), admins on all. The others are for modules acting on the system's behalf.
 * Every change publishes a {@link JobEvent} in its transaction; writes join the caller's transaction,
 * and workers are woken when it commits.
 */
public interface AiJobs {

    /** Sort fields accepted by {@link #list}. */
    Set<String> SORTABLE = Set.of("createdAt", "updatedAt", "priority");

    /** The job types a handler is registered for on this instance. */
    Set<String> types();

    /** Queues a job. An unknown type is refused with 400 {@code validation_failed} (field {@code type}). */
    Job enqueue(NewJob job);

    Optional<Job> find(UUID id);

    /** The job, if the caller may see it; else 404. */
    Job get(UUID id, CurrentUser caller);

    /** The caller's jobs (admins: all jobs, narrowed by {@code filter.userId}), paged. */
    PageResponse<Job> list(CurrentUser caller, JobFilter filter, PageQuery page);

    /**
     * The output of a completed job the caller may see: 404 for an unknown or foreign job, 409
     * {@code job_not_completed} before completion.
     */
    JsonNode output(UUID id, CurrentUser caller);

    /** The output of a job, if it completed. */
    Optional<JsonNode> output(UUID id);

    /**
     * Cancels a job: a queued job is cancelled at once; a running one is asked to stop and is cancelled
     * at its next step boundary (the snapshot shows {@code cancelRequested}). 409 {@code invalid_state}
     * for a completed, failed or cancelled job.
     */
    Job cancel(UUID id, CurrentUser caller);

    /** {@link #cancel(UUID, CurrentUser)} on the system's behalf (no ownership check). */
    Job cancel(UUID id);

    /**
     * {@link #cancel(UUID, CurrentUser)} without the ownership check, for a user who may act on any job (an
     * admin); the {@link JobCancelled} event names them.
     */
    Job cancel(UUID id, UUID requestedBy);

    /**
     * Re-queues a failed job with its attempts reset; finished steps are kept, so it resumes after the
     * last one. 409 {@code invalid_state} unless the job failed.
     */
    Job retry(UUID id, CurrentUser caller);

    /** {@link #retry(UUID, CurrentUser)} on the system's behalf (no ownership check). */
    Job retry(UUID id);

    /** Tokens the user's jobs spent since {@code since} (e.g. the start of the month, for budgets). */
    Job.TokenUsage usageSince(UUID userId, Instant since);

    /** How many jobs are in each status (all statuses present, zero included). */
    Map<JobStatus, Long> countByStatus();

    /** True when the job exists and the user owns it or is an admin; unknown ids are false. */
    boolean isVisibleTo(UUID id, CurrentUser user);

    /** The newest jobs, newest first (at most {@code limit}, capped at 100). */
    List<Job> recent(int limit);

    /**
     * Per hour (UTC) in {@code [from, to)}: jobs created, and jobs that ended completed, failed or
     * cancelled. Only hours with any of them are listed, oldest first.
     */
    List<JobHourlyCounts> hourlyCounts(Instant from, Instant to);
}
