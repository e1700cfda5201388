package dev.miyabi.platform.aijobs;

/**
 * The job was cancelled: at once while queued ({@code previousStatus} queued), or at the next step
 * boundary while running ({@code previousStatus} running).
 */
public record JobCancelled(Job job, JobStatus previousStatus) implements JobEvent {}
