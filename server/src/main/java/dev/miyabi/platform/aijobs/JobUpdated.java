package dev.miyabi.platform.aijobs;

/** Another client-visible change: cancellation was requested for the running job, or LLM usage was added. */
public record JobUpdated(Job job) implements JobEvent {

    /** The status did not change. */
    @Override
    public JobStatus previousStatus() {
        return job.status();
    }
}
