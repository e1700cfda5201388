package dev.miyabi.platform.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miyabi.platform.llm.TokenUsage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Provider selection, Retry-After parsing, prices and prompt placeholders. */
class LlmSettingsTests {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void withoutKeysTheOfflineProviderIsTheDefault() {
        assertThat(ProviderChain.resolve(new TestSettings().build())).containsExactly("offline");
    }

    @Test
    void anAnthropicKeyMakesAnthropicFirstWithOfflineAsTheLastResort() {
        TestSettings settings = new TestSettings();
        settings.anthropicKey = "key";

        assertThat(ProviderChain.resolve(settings.build())).containsExactly("anthropic", "offline");
    }

    @Test
    void everyConfiguredProviderJoinsTheDefaultChain() {
        TestSettings settings = new TestSettings();
        settings.anthropicKey = "key";
        settings.openAiUrl = "http://localhost:11434/v1";

        assertThat(ProviderChain.resolve(settings.build())).containsExactly("anthropic", "openai", "offline");
    }

    @Test
    void aBaseUrlAloneConfiguresALocalOpenAiCompatibleServer() {
        TestSettings settings = new TestSettings();
        settings.openAiUrl = "http://localhost:11434/v1";

        assertThat(ProviderChain.resolve(settings.build())).containsExactly("openai", "offline");
    }

    @Test
    void anExplicitChainIsTakenAsWritten() {
        TestSettings settings = new TestSettings();
        settings.provider = "openai";
        settings.openAiKey = "sk";
        settings.anthropicKey = "key";
        settings.fallback = List.of("anthropic");

        assertThat(ProviderChain.resolve(settings.build())).containsExactly("openai", "anthropic");
    }

    @Test
    void anUnconfiguredFallbackIsSkipped() {
        TestSettings settings = new TestSettings();
        settings.anthropicKey = "key";
        settings.fallback = List.of("openai", "offline");

        assertThat(ProviderChain.resolve(settings.build())).containsExactly("anthropic", "offline");
    }

    @Test
    void aFirstProviderWithoutItsKeyStopsTheStart() {
        TestSettings settings = new TestSettings();
        settings.provider = "anthropic";

        assertThatThrownBy(() -> ProviderChain.resolve(settings.build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ANTHROPIC_API_KEY");
    }

    @Test
    void unknownProviderNamesStopTheStart() {
        TestSettings settings = new TestSettings();
        settings.provider = "gemini";
        assertThatThrownBy(() -> ProviderChain.resolve(settings.build())).hasMessageContaining("gemini");

        settings.provider = "auto";
        settings.fallback = List.of("ollama");
        assertThatThrownBy(() -> ProviderChain.resolve(settings.build())).hasMessageContaining("ollama");
    }

    @Test
    void retryAfterIsReadAsSecondsAsAnHttpDateOrAsMilliseconds() {
        assertThat(RetryAfter.parse("7", NOW)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Tue, 10 Mar 2026 12:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Tue, 10 Mar 2026 11:59:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.from(Map.of("Retry-After", List.of("3"), "retry-after-ms", List.of("1250.5")), NOW))
                .contains(Duration.ofNanos(1_250_500_000));
        assertThat(RetryAfter.from(Map.of("retry-after", List.of("2")), NOW)).contains(Duration.ofSeconds(2));
        assertThat(RetryAfter.from(Map.of(), NOW)).isEmpty();
    }

    @Test
    void backoffGrowsExponentiallyWithinItsCapAndJitter() {
        TestSettings settings = new TestSettings();
        settings.initialBackoff = Duration.ofMillis(100);
        settings.maxBackoff = Duration.ofMillis(1000);
        settings.jitter = 0.5;
        RetryPolicy policy = new RetryPolicy(settings.build().retry());
        var failure = new dev.miyabi.platform.llm.LlmProviderException(
                "anthropic", dev.miyabi.platform.llm.LlmProviderException.Reason.SERVER_ERROR, 500, null, "x", null);

        for (int i = 0; i < 50; i++) {
            assertThat(policy.waitBefore(2, failure).toMillis()).isBetween(50L, 150L);
            assertThat(policy.waitBefore(3, failure).toMillis()).isBetween(100L, 300L);
            assertThat(policy.waitBefore(10, failure).toMillis()).isBetween(500L, 1000L);
        }
    }

    @Test
    void pricesMatchTheLongestModelPrefix() {
        PriceTable prices = new PriceTable(Map.of(
                "claude-opus-4", new LlmProperties.Price(new BigDecimal("15"), new BigDecimal("75")),
                "claude-opus-4-5", new LlmProperties.Price(new BigDecimal("5"), new BigDecimal("25"))));
        TokenUsage million = new TokenUsage(1_000_000, 1_000_000);

        assertThat(prices.cost("anthropic", "claude-opus-4-5-20251101", million))
                .isEqualByComparingTo("30");
        assertThat(prices.cost("anthropic", "claude-opus-4-1-20250805", million))
                .isEqualByComparingTo("90");
        assertThat(prices.cost("openai", "unknown-model", million)).isZero();
        assertThat(prices.cost("offline", "claude-opus-4-5", million)).isZero();
    }

    @Test
    void placeholdersNamingVariablesAreReplaced() {
        Map<String, Object> variables = Map.of(
                "topic",
                "Rust",
                "objectives",
                List.of("Ownership", "Lifetimes"),
                "hours",
                12,
                "audience",
                Map.of("level", "new"));

        assertThat(PromptTemplate.render(
                        "Teach {{topic}} in {{ hours }} hours to {{audience}}:\n{{objectives}}\nKeep {{unknown}} as is.",
                        variables))
                .isEqualTo(
                        "Teach Rust in 12 hours to {\"level\":\"new\"}:\n- Ownership\n- Lifetimes\nKeep {{unknown}} as is.");
    }
}
