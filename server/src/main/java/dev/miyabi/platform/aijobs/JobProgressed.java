package dev.miyabi.platform.aijobs;

/** The running job moved on: a step started or finished, or its message or total changed. */
public record JobProgressed(Job job) implements JobEvent {

    /** The status did not change. */
    @Override
    public JobStatus previousStatus() {
        return job.status();
    }
}
