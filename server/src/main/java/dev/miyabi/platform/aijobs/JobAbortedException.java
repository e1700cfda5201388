package dev.miyabi.platform.aijobs;

import java.util.UUID;

/**
 * Thrown by {@link JobContext} when the running attempt must stop: the job was cancelled, this
 * worker lost its lease (another worker owns the job now), or the instance is shutting down.
 * Handlers must let it propagate; the worker records the right outcome.
 */
public final class JobAbortedException extends RuntimeException {

    /** Why the attempt stops. */
    public enum Reason {
        CANCELLED,
        LEASE_LOST,
        SHUTDOWN
    }

    private final UUID jobId;
    private final Reason reason;

    public JobAbortedException(UUID jobId, Reason reason) {
        super("Job " + jobId + " stopped: " + reason.name().toLowerCase(java.util.Locale.ROOT));
        this.jobId = jobId;
        this.reason = reason;
    }

    public UUID jobId() {
        return jobId;
    }

    public Reason reason() {
        return reason;
    }
}
