package dev.miyabi.platform.llm;

import java.math.BigDecimal;

/**
 * The answer to a {@link ChatRequest}.
 *
 * @param usage tokens of every model call this request made (retries, fallbacks included)
 * @param estimatedCost from the configured price table, in USD
 * @param generatedBy the provider and model that produced {@code text}
 * @param attempts requests sent to providers (1 when the first one succeeded)
 * @param repairs always 0 for free text
 */
public record ChatResult(
        String text, TokenUsage usage, BigDecimal estimatedCost, GeneratedBy generatedBy, int attempts, int repairs) {}
