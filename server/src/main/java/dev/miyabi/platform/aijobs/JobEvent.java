package dev.miyabi.platform.aijobs;

import java.util.UUID;

/**
 * Something client-visible happened to a job. Every event carries the job's full snapshot after the
 * change (owner, status, progress, attempts, error, usage), published in the transaction of the change.
 * A realtime module maps them to {@code job.queued}, {@code job.started}, {@code job.progress},
 * {@code job.completed}, {@code job.failed}, {@code job.cancelled} ({@link JobUpdated} to
 * {@code job.progress}).
 */
public sealed interface JobEvent
        permits JobQueued, JobStarted, JobProgressed, JobCompleted, JobFailed, JobCancelled, JobUpdated {

    Job job();

    default UUID jobId() {
        return job().id();
    }

    default UUID userId() {
        return job().userId();
    }
}
