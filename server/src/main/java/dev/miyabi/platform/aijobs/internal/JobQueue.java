package dev.miyabi.platform.aijobs.internal;

import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.aijobs.JobCancelled;
import dev.miyabi.platform.aijobs.JobCompleted;
import dev.miyabi.platform.aijobs.JobEvent;
import dev.miyabi.platform.aijobs.JobFailed;
import dev.miyabi.platform.aijobs.JobProgressed;
import dev.miyabi.platform.aijobs.JobQueued;
import dev.miyabi.platform.aijobs.JobStarted;
import dev.miyabi.platform.aijobs.JobStatus;
import dev.miyabi.platform.aijobs.JobUpdated;
import dev.miyabi.platform.aijobs.JobUsage;
import dev.miyabi.platform.aijobs.NewJob;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.InvalidStateTransition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * The queue's state changes, each one transaction that also publishes the matching {@link JobEvent}.
 * Used by the facade ({@link JobService}) and by the workers ({@link WorkerPool}); a transaction
 * already open on the calling thread is joined. Whoever changes what workers may claim, after commit, wakes
 * this instance's workers and has the {@link JobNotifier} tell the other instances (PostgreSQL {@code
 * NOTIFY}, coalesced, best effort: their poll finds the jobs anyway).
 */
class JobQueue {

    /** The PostgreSQL notification channel that tells workers there is something to claim. */
    static final String CHANNEL = "miyabi_jobs";

    /** The most completions committed in one transaction. */
    private static final int MAX_COMPLETION_BATCH = 100;

    private final Jobs jobs;
    private final JobSteps steps;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final JobNotifier notifier;
    private final int defaultMaxAttempts;
    private final List<Runnable> wakeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<UUID>> cancelListeners = new CopyOnWriteArrayList<>();
    private final java.util.Queue<PendingCompletion> pendingCompletions =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.locks.ReentrantLock completing = new java.util.concurrent.locks.ReentrantLock();

    JobQueue(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            ApplicationEventPublisher events,
            JobsProperties properties,
            JobNotifier notifier) {
        this.jobs = new Jobs(jdbc);
        this.steps = new JobSteps(jdbc);
        this.tx = new TransactionTemplate(transactions);
        this.events = events;
        this.notifier = notifier;
        this.defaultMaxAttempts = properties.maxAttempts();
    }

    /** Called after a commit that may have made jobs claimable (local workers wake at once). */
    void onWork(Runnable listener) {
        wakeListeners.add(listener);
    }

    /** Called after a commit that asked a running job to stop. */
    void onCancelRequested(Consumer<UUID> listener) {
        cancelListeners.add(listener);
    }

    Job enqueue(NewJob job) {
        return inTransaction(() -> {
            Jobs.Row row = jobs.insert(
                    job.type(),
                    job.input(),
                    job.userId(),
                    job.orderId(),
                    job.priority(),
                    job.maxAttempts() == null ? defaultMaxAttempts : job.maxAttempts());
            publish(new JobQueued(row.job(), null));
            announceWork(job.type());
            return row.job();
        });
    }

    Optional<Job> find(UUID id) {
        return jobs.find(id).map(Jobs.Row::job);
    }

    Jobs jobs() {
        return jobs;
    }

    Job cancel(UUID id, @Nullable UUID requestedBy) {
        return inTransaction(() -> {
            Jobs.Row row = jobs.lock(id).orElseThrow(() -> ApiException.notFound("Job"));
            Job job = row.job();
            return switch (job.status()) {
                case QUEUED -> {
                    Job cancelled = jobs.cancelQueued(id, requestedBy).job();
                    publish(new JobCancelled(cancelled, JobStatus.QUEUED, requestedBy));
                    yield cancelled;
                }
                case RUNNING -> {
                    if (job.cancelRequested()) {
                        yield job;
                    }
                    Job requested = jobs.requestCancel(id, requestedBy).job();
                    publish(new JobUpdated(requested));
                    afterCommit(() -> cancelListeners.forEach(listener -> listener.accept(id)));
                    yield requested;
                }
                default ->
                    throw new InvalidStateTransition(
                            job.status().value(),
                            JobStatus.CANCELLED.value(),
                            "The job is " + job.status().value() + "; only queued or running jobs can be cancelled");
            };
        });
    }

    Job retry(UUID id) {
        return inTransaction(() -> {
            Job job = jobs.lock(id)
                    .orElseThrow(() -> ApiException.notFound("Job"))
                    .job();
            if (job.status() != JobStatus.FAILED) {
                throw new InvalidStateTransition(
                        job.status().value(),
                        JobStatus.QUEUED.value(),
                        "The job is " + job.status().value() + "; only failed jobs can be retried");
            }
            Job queued = jobs.requeueFailed(id).job();
            publish(new JobQueued(queued, JobStatus.FAILED));
            announceWork(queued.type());
            return queued;
        });
    }

    // --- worker operations: all fenced by the lease token ---

    /**
     * Claims up to {@code limit} due jobs whose type has free slots, best first, under fresh leases of
     * {@code owner}.
     */
    List<Jobs.Row> claim(String owner, Map<String, Integer> freeSlotsByType, int limit, Duration lease) {
        if (limit <= 0 || freeSlotsByType.isEmpty()) {
            return List.of();
        }
        return inTransaction(() -> {
            List<Jobs.Row> rows = jobs.claim(freeSlotsByType, limit, owner, lease);
            rows.forEach(row -> publish(new JobStarted(row.job())));
            return rows;
        });
    }

    Map<String, JsonNode> storedSteps(UUID jobId) {
        return steps.outputs(jobId);
    }

    List<Jobs.Renewal> renew(Map<UUID, UUID> tokensByJob, Duration lease) {
        if (tokensByJob.isEmpty()) {
            return List.of();
        }
        return inTransaction(() -> jobs.renew(tokensByJob, lease));
    }

    /** Empty when the lease is lost; else whether cancellation was requested. */
    Optional<Boolean> cancelRequested(UUID id, UUID token) {
        return jobs.cancelRequestedUnderLease(id, token);
    }

    /** Empty when the lease is lost. */
    Optional<Job> progress(
            UUID id, UUID token, @Nullable String step, @Nullable Integer total, @Nullable String message) {
        return inTransaction(() -> jobs.progress(id, token, step, total, message, false)
                .map(row -> {
                    publish(new JobProgressed(row.job()));
                    return row.job();
                }));
    }

    /** Stores a finished step and counts it in the progress; empty when the lease is lost. */
    Optional<Job> saveStep(UUID id, UUID token, String key, JsonNode output, long inputTokens, long outputTokens) {
        return inTransaction(() -> {
            if (!jobs.lockUnderLease(id, token)) {
                return Optional.<Job>empty();
            }
            steps.insert(id, key, output, inputTokens, outputTokens);
            return jobs.progress(id, token, key, null, null, true).map(row -> {
                publish(new JobProgressed(row.job()));
                return row.job();
            });
        });
    }

    /** Adds usage to a running job while {@code token} holds its lease; empty when the lease is lost. */
    Optional<Job> addUsage(UUID id, UUID token, JobUsage usage) {
        return inTransaction(() -> jobs.addUsage(id, token, usage).map(row -> {
            publish(new JobUpdated(row.job()));
            return row.job();
        }));
    }

    /**
     * Runs {@code write} in one transaction that first locks the job under the lease: empty (and nothing
     * written) when the lease is lost.
     */
    <T> Optional<T> underLease(UUID id, UUID token, java.util.function.Supplier<T> write) {
        return inTransaction(() -> jobs.lockUnderLease(id, token)
                ? Optional.of(Objects.requireNonNull(write.get(), "write returned null"))
                : Optional.<T>empty());
    }

    /**
     * Runs {@code write} and stores its output as a finished step in one transaction that first locks the
     * job under the lease: empty (and nothing written) when the lease is lost. An exception from {@code
     * write} rolls everything back and is thrown as it is.
     */
    Optional<JsonNode> storeStep(UUID id, UUID token, String key, Callable<JsonNode> write) throws Exception {
        AtomicReference<@Nullable Exception> failure = new AtomicReference<>();
        Optional<JsonNode> stored = tx.execute(status -> {
            if (!jobs.lockUnderLease(id, token)) {
                return Optional.<JsonNode>empty();
            }
            JsonNode output;
            try {
                output = write.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                failure.set(e);
                status.setRollbackOnly();
                return Optional.<JsonNode>empty();
            }
            JsonNode result = output == null ? NullNode.getInstance() : output;
            steps.insert(id, key, result, 0, 0);
            jobs.progress(id, token, key, null, null, true).ifPresent(row -> publish(new JobProgressed(row.job())));
            return Optional.of(result);
        });
        Exception failed = failure.get();
        if (failed != null) {
            throw failed;
        }
        return Objects.requireNonNull(stored);
    }

    /**
     * Completes the job if {@code token} still holds its lease (empty otherwise). Completions that arrive
     * while another commits are committed together in the next transaction (group commit: one commit for
     * many jobs, each fenced by its own lease and published as its own {@link JobCompleted}); if that
     * transaction fails, each of its completions is retried alone, so one bad completion fails only itself.
     * Within a caller's transaction the job is completed in that transaction.
     */
    Optional<Job> complete(UUID id, UUID token, JsonNode output) {
        Jobs.Completion completion = new Jobs.Completion(id, token, output);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return completeTogether(List.of(completion)).getOrDefault(id, Optional.empty());
        }
        PendingCompletion pending = new PendingCompletion(completion);
        pendingCompletions.add(pending);
        completing.lock();
        try {
            if (!pending.result.isDone()) {
                commitPendingCompletions();
            }
        } finally {
            completing.unlock();
        }
        try {
            return pending.result.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private record PendingCompletion(
            Jobs.Completion completion, java.util.concurrent.CompletableFuture<Optional<Job>> result) {
        PendingCompletion(Jobs.Completion completion) {
            this(completion, new java.util.concurrent.CompletableFuture<>());
        }
    }

    /** Commits the completions queued so far (called holding {@link #completing}). */
    private void commitPendingCompletions() {
        List<PendingCompletion> batch = new ArrayList<>();
        PendingCompletion next;
        while (batch.size() < MAX_COMPLETION_BATCH && (next = pendingCompletions.poll()) != null) {
            batch.add(next);
        }
        try {
            Map<UUID, Optional<Job>> done = completeTogether(
                    batch.stream().map(PendingCompletion::completion).toList());
            batch.forEach(p -> p.result.complete(done.getOrDefault(p.completion.id(), Optional.empty())));
        } catch (RuntimeException batchFailure) {
            for (PendingCompletion p : batch) {
                if (batch.size() == 1) {
                    p.result.completeExceptionally(batchFailure);
                    continue;
                }
                try {
                    p.result.complete(
                            completeTogether(List.of(p.completion)).getOrDefault(p.completion.id(), Optional.empty()));
                } catch (RuntimeException failure) {
                    p.result.completeExceptionally(failure);
                }
            }
        } finally {
            // Whatever escaped (an Error), no worker waits forever for its answer.
            IllegalStateException unanswered = new IllegalStateException("The completion was not recorded");
            batch.forEach(p -> p.result.completeExceptionally(unanswered));
        }
    }

    /** What {@link #completeAndClaim} did: each completion's result, and the jobs claimed. */
    record CompletedAndClaimed(Map<UUID, Optional<Job>> completed, List<Jobs.Row> claimed) {}

    /**
     * One transaction, one commit: {@code completions} are recorded as {@link #complete} records them (each
     * fenced by its own lease, each published as its {@link JobCompleted}), then up to {@code limit} due jobs
     * are claimed as {@link #claim} claims them. The dispatcher's round: the slots the finished jobs free are
     * filled in the commit that frees them. If it fails, nothing of it is committed.
     */
    CompletedAndClaimed completeAndClaim(
            List<Jobs.Completion> completions,
            String owner,
            Map<String, Integer> freeSlotsByType,
            int limit,
            Duration lease) {
        return inTransaction(() -> {
            Map<UUID, Optional<Job>> completed = completions.isEmpty() ? Map.of() : completeTogether(completions);
            List<Jobs.Row> rows = limit <= 0 || freeSlotsByType.isEmpty()
                    ? List.of()
                    : jobs.claim(freeSlotsByType, limit, owner, lease);
            rows.forEach(row -> publish(new JobStarted(row.job())));
            return new CompletedAndClaimed(completed, rows);
        });
    }

    /** One transaction: the jobs whose leases still hold are completed, each published. */
    private Map<UUID, Optional<Job>> completeTogether(List<Jobs.Completion> completions) {
        return inTransaction(() -> {
            Map<UUID, Optional<Job>> completed = new HashMap<>();
            for (Jobs.Row row : jobs.completeAll(completions)) {
                publish(new JobCompleted(row.job()));
                completed.put(row.job().id(), Optional.of(row.job()));
            }
            return completed;
        });
    }

    /** Ends a failed attempt: a retry is scheduled after {@code retryDelay}, or the job fails for good. */
    Optional<Job> failAttempt(UUID id, UUID token, String error, Duration retryDelay, boolean permanent) {
        return inTransaction(() -> jobs.failAttempt(id, token, truncate(error), retryDelay, permanent)
                .map(row -> {
                    publishTransition(row);
                    return row.job();
                }));
    }

    Optional<Job> cancelRunning(UUID id, UUID token) {
        return inTransaction(() -> jobs.cancelUnderLease(id, token).map(row -> {
            publish(new JobCancelled(row.job(), JobStatus.RUNNING, row.cancelRequestedBy()));
            return row.job();
        }));
    }

    /** Gives jobs back without counting the attempt (graceful shutdown). */
    List<Job> release(Map<UUID, UUID> tokensByJob) {
        if (tokensByJob.isEmpty()) {
            return List.of();
        }
        return inTransaction(() -> transitions(jobs.release(tokensByJob)));
    }

    /** Re-queues (or fails, or cancels) up to {@code limit} jobs whose lease expired. */
    List<Job> recoverExpired(int limit) {
        return inTransaction(() -> transitions(jobs.recoverExpired(limit)));
    }

    private List<Job> transitions(List<Jobs.Row> rows) {
        rows.forEach(this::publishTransition);
        List<Job> changed = rows.stream().map(Jobs.Row::job).toList();
        changed.stream()
                .filter(job -> job.status() == JobStatus.QUEUED)
                .map(Job::type)
                .distinct()
                .forEach(this::announceWork);
        return changed;
    }

    /** A running job's attempt ended (failed, released, recovered): the status it moved to from running. */
    private void publishTransition(Jobs.Row row) {
        Job job = row.job();
        switch (job.status()) {
            case QUEUED -> publish(new JobQueued(job, JobStatus.RUNNING));
            case FAILED -> publish(new JobFailed(job));
            case CANCELLED -> publish(new JobCancelled(job, JobStatus.RUNNING, row.cancelRequestedBy()));
            case COMPLETED -> publish(new JobCompleted(job));
            case RUNNING -> publish(new JobUpdated(job));
        }
    }

    private void publish(JobEvent event) {
        events.publishEvent(event);
    }

    /**
     * After commit, wakes this instance's workers and has the other instances notified. Not a {@code NOTIFY}
     * in this transaction: PostgreSQL serialises the commits of notifying transactions.
     */
    private void announceWork(String type) {
        afterCommit(() -> {
            wakeListeners.forEach(Runnable::run);
            notifier.announce(type);
        });
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        T result = tx.execute(status -> work.get());
        if (result == null) {
            throw new IllegalStateException("transaction returned nothing");
        }
        return result;
    }

    static String truncate(String error) {
        return error.length() <= 4000 ? error : error.substring(0, 3997) + "...";
    }

    static Map<UUID, UUID> tokens(Collection<? extends Leased> leased) {
        Map<UUID, UUID> tokens = new HashMap<>();
        leased.forEach(l -> tokens.put(l.jobId(), l.leaseToken()));
        return tokens;
    }

    /** Something holding a job's lease. */
    interface Leased {
        UUID jobId();

        UUID leaseToken();
    }
}
