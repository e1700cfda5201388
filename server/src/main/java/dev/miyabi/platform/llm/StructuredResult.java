package dev.miyabi.platform.llm;

import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/**
 * The answer to a {@link StructuredRequest}: a JSON document valid against its schema.
 *
 * @param usage tokens of every model call this request made (retries, repairs, fallbacks included)
 * @param estimatedCost from the configured price table, in USD
 * @param generatedBy the provider and model that produced {@code json}
 * @param attempts requests sent to providers (1 when the first answer was valid)
 * @param repairs how often an invalid answer was sent back with its violations
 */
public record StructuredResult(
        JsonNode json,
        TokenUsage usage,
        BigDecimal estimatedCost,
        GeneratedBy generatedBy,
        int attempts,
        int repairs) {}
