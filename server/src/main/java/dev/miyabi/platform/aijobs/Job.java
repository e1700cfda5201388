package dev.miyabi.platform.aijobs;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A snapshot of one AI job as clients see it (API.md, "AI jobs"), plus the queue fields an operator
 * needs ({@code userId}, {@code priority}, {@code runAt}, {@code cancelRequested}). The job's output is
 * not part of the snapshot (it can be large); read it with {@link AiJobs#output}.
 *
 * @param attempts how many times a worker has started the job (reset by a manual retry)
 * @param error the last error: why the last attempt failed, or why the job failed for good
 * @param runAt when the job becomes claimable (later than now while it waits out a retry backoff)
 * @param cancelRequested a running job was asked to stop; it stops at its next step
 * @param version increases with every change, so snapshots can be ordered
 */
public record Job(
        UUID id,
        String type,
        JobStatus status,
        UUID userId,
        @Nullable UUID orderId,
        JsonNode input,
        Progress progress,
        int priority,
        int attempts,
        int maxAttempts,
        @Nullable String error,
        boolean cancelRequested,
        TokenUsage tokenUsage,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal estimatedCost,
        @Nullable GeneratedBy generatedBy,
        Instant runAt,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant completedAt,
        Instant updatedAt,
        long version) {

    /**
     * @param step the step running or last finished
     * @param completedSteps durable steps finished so far (kept across retries)
     * @param totalSteps the number of steps the handler announced, 0 when unknown
     * @param message a human-readable note from the handler
     */
    public record Progress(
            @Nullable String step,
            int completedSteps,
            int totalSteps,
            @Nullable String message) {}

    /** LLM tokens spent on the job, over all its attempts. */
    public record TokenUsage(long input, long output) {}

    /** The LLM provider and model that produced the output. */
    public record GeneratedBy(String provider, @Nullable String model) {}
}
