package dev.miyabi.platform.llm.internal;

import dev.miyabi.platform.llm.TokenUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One model call as recorded in {@code llm_usage}.
 *
 * @param operation {@code chat}, {@code structured} or {@code stream}
 * @param outcome {@code success}, or {@code invalid_output} for a structured answer that failed
 *     validation (its tokens were spent all the same)
 */
record UsageRecord(
        @Nullable UUID userId,
        @Nullable UUID jobId,
        String task,
        String operation,
        String provider,
        String model,
        TokenUsage usage,
        BigDecimal estimatedCost,
        String outcome,
        Instant at) {}
