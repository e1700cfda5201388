package dev.miyabi.platform.aijobs;

import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * LLM usage to add to a job: tokens and the estimated cost of one call, and which provider/model
 * answered (kept as the job's {@code generatedBy} when given).
 */
public record JobUsage(
        long inputTokens,
        long outputTokens,
        BigDecimal estimatedCost,
        @Nullable String provider,
        @Nullable String model) {

    public JobUsage {
        Objects.requireNonNull(estimatedCost, "estimatedCost");
        if (inputTokens < 0 || outputTokens < 0 || estimatedCost.signum() < 0) {
            throw new IllegalArgumentException("usage cannot be negative");
        }
    }

    public static JobUsage tokens(long input, long output) {
        return new JobUsage(input, output, BigDecimal.ZERO, null, null);
    }
}
