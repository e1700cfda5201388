package dev.miyabi.platform.aijobs;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Something client-visible happened to a job. Every event carries the job's full snapshot after the
 * change (owner, status, progress, attempts, error, usage) and the status before it, published in the
 * transaction of the change. The realtime module maps them to {@code job.queued}, {@code job.started},
 * {@code job.progress}, {@code job.completed}, {@code job.failed}, {@code job.cancelled} ({@link
 * JobUpdated} to {@code job.progress}).
 */
public sealed interface JobEvent
        permits JobQueued, JobStarted, JobProgressed, JobCompleted, JobFailed, JobCancelled, JobUpdated {

    Job job();

    /**
     * The job's status before this change: {@code null} for a new job, equal to {@code job().status()}
     * when the status did not change (progress, usage, a cancellation request). Lets a projection keep
     * counts by status from the events alone.
     */
    @Nullable
    JobStatus previousStatus();

    default UUID jobId() {
        return job().id();
    }

    default UUID userId() {
        return job().userId();
    }
}
