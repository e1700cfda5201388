package dev.miyabi.platform.aijobs;

/** The job is waiting to run: just enqueued, scheduled for a retry after a failed attempt ({@code runAt} in the future, {@code error} says why), re-queued after its worker died or the instance shut down, or retried by hand. */
public record JobQueued(Job job) implements JobEvent {}
