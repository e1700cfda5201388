package dev.miyabi.platform.aijobs;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Narrows a job listing. {@code userId} is honoured for admins only: other callers always see their
 * own jobs.
 */
public record JobFilter(
        @Nullable JobStatus status,
        @Nullable String type,
        @Nullable UUID userId) {

    public static JobFilter none() {
        return new JobFilter(null, null, null);
    }
}
