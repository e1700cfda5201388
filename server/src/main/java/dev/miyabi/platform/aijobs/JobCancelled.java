package dev.miyabi.platform.aijobs;

/** The job was cancelled: at once while queued, or at the next step boundary while running. */
public record JobCancelled(Job job) implements JobEvent {}
