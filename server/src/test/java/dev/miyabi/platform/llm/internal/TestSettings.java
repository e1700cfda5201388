package dev.miyabi.platform.llm.internal;

import dev.miyabi.platform.llm.internal.LlmProperties.StructuredOutput;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** LlmProperties for tests, built the way Spring would bind them, with a few knobs. */
final class TestSettings {

    String provider = "auto";
    List<String> fallback = List.of();

    @Nullable
    String anthropicKey;

    String anthropicUrl = "https://api.anthropic.com/v1";
    StructuredOutput anthropicStructured = StructuredOutput.NATIVE;

    @Nullable
    String openAiKey;

    @Nullable
    String openAiUrl;

    StructuredOutput openAiStructured = StructuredOutput.NATIVE;
    Duration requestTimeout = Duration.ofSeconds(10);
    int maxAttempts = 3;
    Duration initialBackoff = Duration.ofMillis(10);
    Duration maxBackoff = Duration.ofMillis(100);
    double jitter = 0.0;
    Duration maxRetryAfter = Duration.ofSeconds(10);
    int maxRepairs = 2;
    long monthlyBudget = 100_000;

    LlmProperties build() {
        return new LlmProperties(
                provider,
                fallback,
                new LlmProperties.Anthropic(
                        anthropicKey, anthropicUrl, "claude-sonnet-4-5", "2023-06-01", anthropicStructured),
                new LlmProperties.OpenAi(openAiKey, openAiUrl, "gpt-4o-mini", openAiStructured),
                new LlmProperties.Timeouts(Duration.ofSeconds(2), requestTimeout),
                new LlmProperties.Retry(maxAttempts, initialBackoff, 2.0, maxBackoff, jitter, maxRetryAfter),
                maxRepairs,
                1024,
                new LlmProperties.Budget(monthlyBudget),
                Map.of(
                        "claude-sonnet-4",
                        new LlmProperties.Price(new BigDecimal("3.00"), new BigDecimal("15.00")),
                        "gpt-4o-mini",
                        new LlmProperties.Price(new BigDecimal("0.15"), new BigDecimal("0.60"))));
    }
}
