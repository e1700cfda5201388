package dev.miyabi.platform.aijobs;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * What a {@link JobHandler} gets for one attempt: the job, durable steps, progress reporting, usage
 * accounting and cancellation. Every method may throw {@link JobAbortedException}.
 */
public interface JobContext {

    /** The job as it was claimed for this attempt (status running, {@code attempts} counts this one). */
    Job job();

    default UUID jobId() {
        return job().id();
    }

    default UUID userId() {
        return job().userId();
    }

    default Optional<UUID> orderId() {
        return Optional.ofNullable(job().orderId());
    }

    default JsonNode input() {
        return job().input();
    }

    /** 1 on the first attempt, 2 on the first retry, ... */
    default int attempt() {
        return job().attempts();
    }

    /**
     * Runs a durable step. If a step with this key finished in an earlier attempt, its stored output is
     * returned and {@code work} is not called. Otherwise the job's cancellation and lease are checked
     * (throwing {@link JobAbortedException}), progress shows the step as running, {@code work} runs, and
     * its output is stored together with the usage recorded during it before it is returned; progress
     * then counts the step as completed. An exception from {@code work} fails the attempt.
     *
     * <p>Steps may run in parallel on several threads (e.g. one per lesson); usage recorded on the
     * thread running a step counts for that step. A step cannot start inside another on the same thread.
     *
     * @param key unique within the job, at most 100 characters, e.g. {@code outline} or {@code lesson-2-3}
     */
    JsonNode step(String key, Callable<JsonNode> work) throws Exception;

    /** {@link #step(String, Callable)} for a value that Jackson converts to and from JSON (a record, a list, ...). */
    <T> T step(String key, Class<T> type, Callable<T> work) throws Exception;

    /**
     * A durable step that writes the job's result to the database (a generated course, a document).
     * {@code write} runs inside the one transaction that locks the job's row under this attempt's lease
     * and stores the step, so it commits only while this worker holds the lease: a worker whose lease was
     * taken over writes nothing and gets a {@link JobAbortedException}. If the step finished in an earlier
     * attempt, its stored output is returned and {@code write} is not called. {@code write} must be short
     * (no model calls: it holds the job's row lock) and should treat what is already stored as success.
     *
     * @param key as for {@link #step(String, Callable)}
     */
    JsonNode storeStep(String key, Callable<JsonNode> write) throws Exception;

    /**
     * Runs {@code write} in one transaction that first locks the job's row under this attempt's lease and
     * returns its (non-null) result: a worker whose lease was taken over writes nothing and gets a {@link
     * JobAbortedException}. For a short write about the job's outcome that is not a step (nothing is stored
     * with the job).
     */
    <T> T underLease(Supplier<T> write);

    /** Whether a finished step with this key is stored. */
    boolean hasStep(String key);

    /** Announces how many steps the job has, for {@code progress.totalSteps}. */
    void totalSteps(int total);

    /** Sets {@code progress.message}, a note for the user ("Writing lesson 3 of 12"). */
    void progress(String message);

    /**
     * Adds LLM usage to the job at once (it is spent even if the attempt fails later), while this worker
     * holds the lease (else {@link JobAbortedException}: a job another worker took over, or that ended,
     * gains nothing). Usage recorded inside a {@link #step} is also stored with that step.
     */
    void recordUsage(JobUsage usage);

    /** Whether cancellation was requested; checks the database, so it sees requests made on any instance. */
    boolean cancellationRequested();

    /** Throws {@link JobAbortedException} when the job was cancelled or this worker lost its lease. */
    void checkpoint();
}
