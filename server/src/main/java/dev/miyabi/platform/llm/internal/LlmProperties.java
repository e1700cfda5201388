package dev.miyabi.platform.llm.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the LLM module ({@code miyabi.llm.*}; environment variables such as {@code
 * MIYABI_LLM_PROVIDER}, {@code MIYABI_LLM_ANTHROPIC_API_KEY}, {@code MIYABI_LLM_OPENAI_BASE_URL}).
 *
 * @param provider {@code auto} (the first configured of anthropic, openai, else offline), or a name
 * @param fallback the providers to try after the first, in order; empty means every other
 *     configured provider, then offline
 * @param maxRepairs how often an invalid structured answer is sent back (at most 2)
 * @param maxOutputTokens the output limit of requests that set none
 * @param prices USD per million tokens by model name; a key matches a model name that starts with
 *     it (the longest key wins), so {@code claude-sonnet-4-5} prices {@code claude-sonnet-4-5-20250929}
 */
@Validated
@ConfigurationProperties("miyabi.llm")
public record LlmProperties(
        @DefaultValue("auto") String provider,
        @DefaultValue List<String> fallback,
        @DefaultValue @Valid Anthropic anthropic,
        @DefaultValue @Valid OpenAi openai,
        @DefaultValue @Valid Timeouts timeouts,
        @DefaultValue @Valid Retry retry,
        @DefaultValue("2") @Min(0) @Max(2) int maxRepairs,
        @DefaultValue("4096") @Min(1) int maxOutputTokens,
        @DefaultValue @Valid Budget budget,
        @DefaultValue Map<String, @Valid Price> prices) {

    /** Whether the server enforces the schema itself or only the prompt asks for it. */
    public enum StructuredOutput {
        /** The API's JSON-schema response format (Anthropic output_config, OpenAI response_format). */
        NATIVE,
        /** The schema travels in the prompt only (servers without a JSON-schema mode). */
        PROMPT
    }

    /**
     * @param apiKey {@code ANTHROPIC_API_KEY} or {@code MIYABI_LLM_ANTHROPIC_API_KEY}
     * @param baseUrl the Messages API root (a proxy or a test server)
     */
    public record Anthropic(
            @Nullable String apiKey,
            @DefaultValue("https://api.anthropic.com/v1") String baseUrl,
            @DefaultValue("claude-sonnet-4-5") String model,
            @DefaultValue("2023-06-01") String version,
            @DefaultValue("native") StructuredOutput structuredOutput) {

        public boolean configured() {
            return apiKey != null && !apiKey.isBlank();
        }
    }

    /**
     * @param apiKey {@code OPENAI_API_KEY} or {@code MIYABI_LLM_OPENAI_API_KEY}; optional for local
     *     servers (Ollama, vLLM, llama.cpp)
     * @param baseUrl e.g. {@code http://localhost:11434/v1} for Ollama; OpenAI's when unset
     */
    public record OpenAi(
            @Nullable String apiKey,
            @Nullable String baseUrl,
            @DefaultValue("gpt-4o-mini") String model,
            @DefaultValue("native") StructuredOutput structuredOutput) {

        public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

        /** A key, or a base URL of a server that needs none. */
        public boolean configured() {
            return (apiKey != null && !apiKey.isBlank()) || (baseUrl != null && !baseUrl.isBlank());
        }

        public String effectiveBaseUrl() {
            return baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl;
        }
    }

    /**
     * @param connect to open a connection
     * @param request for a whole answer
     */
    public record Timeouts(
            @DefaultValue("10s") @NotNull Duration connect,
            @DefaultValue("120s") @NotNull Duration request) {}

    /**
     * Retries of one request on one provider (429, 5xx, timeouts, network errors).
     *
     * @param maxAttempts requests per provider call, the first included
     * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one moves on to the
     *     next provider at once
     */
    public record Retry(
            @DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
            @DefaultValue("1s") @NotNull Duration initialBackoff,
            @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
            @DefaultValue("30s") @NotNull Duration maxBackoff,

            @DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0")
            double jitter,

            @DefaultValue("60s") @NotNull Duration maxRetryAfter) {}

    /**
     * @param monthlyTokensPerUser the default allowance: input + output tokens per user and calendar month
     *     (UTC) of every provider, offline included; 0 = no limit. Admins may set others per role or user.
     */
    public record Budget(
            @DefaultValue("100000") @PositiveOrZero long monthlyTokensPerUser) {}

    /** USD per million input and output tokens. */
    public record Price(
            @NotNull @PositiveOrZero BigDecimal input,
            @NotNull @PositiveOrZero BigDecimal output) {}
}
