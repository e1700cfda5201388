package dev.miyabi.platform.aijobs;

/** A worker started an attempt ({@code attempts} counts it). */
public record JobStarted(Job job) implements JobEvent {

    @Override
    public JobStatus previousStatus() {
        return JobStatus.QUEUED;
    }
}
