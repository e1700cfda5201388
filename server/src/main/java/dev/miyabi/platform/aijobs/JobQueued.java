package dev.miyabi.platform.aijobs;

import org.jspecify.annotations.Nullable;

/**
 * The job is waiting to run: just enqueued ({@code previousStatus} null), scheduled for a retry after a
 * failed attempt ({@code runAt} in the future, {@code error} says why), re-queued after its worker died or
 * the instance shut down (all three from {@code running}), or retried by hand (from {@code failed}).
 */
public record JobQueued(Job job, @Nullable JobStatus previousStatus) implements JobEvent {}
