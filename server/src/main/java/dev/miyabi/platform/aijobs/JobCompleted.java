package dev.miyabi.platform.aijobs;

/** The job finished successfully; its output is available through {@link AiJobs#output}. */
public record JobCompleted(Job job) implements JobEvent {

    @Override
    public JobStatus previousStatus() {
        return JobStatus.RUNNING;
    }
}
