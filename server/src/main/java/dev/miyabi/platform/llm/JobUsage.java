package dev.miyabi.platform.llm;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * What the model calls of one AI job consumed.
 *
 * @param calls model calls recorded for the job
 * @param generatedBy the providers and models whose answers were used, in order of first use; a
 *     job that fell back to the offline provider for some step lists it
 */
public record JobUsage(
        UUID jobId, TokenUsage usage, BigDecimal estimatedCost, long calls, List<GeneratedBy> generatedBy) {

    public JobUsage {
        generatedBy = List.copyOf(generatedBy);
    }
}
