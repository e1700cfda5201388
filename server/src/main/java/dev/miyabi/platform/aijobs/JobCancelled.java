package dev.miyabi.platform.aijobs;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The job was cancelled: at once while queued ({@code previousStatus} queued), or at the next step
 * boundary while running ({@code previousStatus} running). {@code cancelledBy} is the user who asked for it,
 * null when the platform did.
 */
public record JobCancelled(
        Job job, JobStatus previousStatus, @Nullable UUID cancelledBy) implements JobEvent {}
