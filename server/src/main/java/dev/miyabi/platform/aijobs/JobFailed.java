package dev.miyabi.platform.aijobs;

/** The job failed for good ({@code error} is the last error); it runs again only if retried by hand. */
public record JobFailed(Job job) implements JobEvent {

    @Override
    public JobStatus previousStatus() {
        return JobStatus.RUNNING;
    }
}
