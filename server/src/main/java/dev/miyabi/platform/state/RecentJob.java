package dev.miyabi.platform.state;

import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.aijobs.JobStatus;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An AI job in {@link BusinessState#recentJobs()}: the fields a dashboard lists, without input and usage. */
public record RecentJob(
        UUID id,
        String type,
        JobStatus status,
        UUID userId,
        @Nullable UUID orderId,
        Job.Progress progress,
        int attempts,
        Instant createdAt,
        Instant updatedAt) {

    public static RecentJob of(Job job) {
        return new RecentJob(
                job.id(),
                job.type(),
                job.status(),
                job.userId(),
                job.orderId(),
                job.progress(),
                job.attempts(),
                job.createdAt(),
                job.updatedAt());
    }
}
