package dev.miyabi.platform.aijobs;

/**
 * Runs the jobs of one type. Register an implementation as a Spring bean; the workers of every
 * instance that has it claim jobs of its {@link #type()} (one handler per type, checked at start).
 *
 * <p>A handler is called once per attempt. Long work should be split into durable steps with
 * {@link JobContext#step}: a finished step's output is stored, so a retried or recovered attempt gets
 * it back instead of running the step again, and cancellation is honoured between steps. Return
 * {@link JobOutcome#completed} with the output, or {@link JobOutcome#failed} to fail the job for good
 * without retrying; throw to fail the attempt, which is retried with exponential backoff until
 * {@code maxAttempts}. Let {@link JobAbortedException} propagate.
 */
public interface JobHandler {

    /** The job type handled, e.g. {@code course_generation}. */
    String type();

    JobOutcome run(JobContext context) throws Exception;
}
