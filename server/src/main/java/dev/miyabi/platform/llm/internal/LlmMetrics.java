package dev.miyabi.platform.llm.internal;

import dev.miyabi.platform.llm.TokenUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The gateway's meters. Every request to a provider is timed ({@code miyabi.llm.requests}, tagged
 * provider, model, operation, task, outcome); tokens ({@code miyabi.llm.tokens}, type input|output)
 * and cost ({@code miyabi.llm.cost}, USD) are counted per answer; failures ({@code
 * miyabi.llm.errors}, tagged with the reason), retries, repairs, fallbacks and budget refusals have
 * counters of their own.
 */
final class LlmMetrics {

    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofSeconds(120)
    };

    private final MeterRegistry registry;

    LlmMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void request(String provider, String model, String operation, String task, String outcome, Duration duration) {
        Timer.builder("miyabi.llm.requests")
                .description("Requests to LLM providers")
                .tags("provider", provider, "model", model, "operation", operation, "task", task, "outcome", outcome)
                // A few buckets that fit calls of seconds to minutes, not ~70 per tag set (model × task × outcome).
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry)
                .record(duration);
    }

    void usage(String provider, String model, String task, TokenUsage usage, BigDecimal cost) {
        counter("miyabi.llm.tokens", "Tokens used", "provider", provider, "model", model, "task", task, "type", "input")
                .increment(usage.input());
        counter(
                        "miyabi.llm.tokens",
                        "Tokens used",
                        "provider",
                        provider,
                        "model",
                        model,
                        "task",
                        task,
                        "type",
                        "output")
                .increment(usage.output());
        counter("miyabi.llm.cost", "Estimated cost in USD", "provider", provider, "model", model)
                .increment(cost.doubleValue());
    }

    void error(String provider, String model, String outcome) {
        counter(
                        "miyabi.llm.errors",
                        "Failed LLM requests and invalid answers",
                        "provider",
                        provider,
                        "model",
                        model,
                        "outcome",
                        outcome)
                .increment();
    }

    void retry(String provider, String reason) {
        counter("miyabi.llm.retries", "Requests retried on the same provider", "provider", provider, "reason", reason)
                .increment();
    }

    void repair(String provider, String task) {
        counter(
                        "miyabi.llm.repairs",
                        "Invalid structured answers sent back for repair",
                        "provider",
                        provider,
                        "task",
                        task)
                .increment();
    }

    void fallback(String from, String to) {
        counter("miyabi.llm.fallbacks", "Calls handed to the next provider of the chain", "from", from, "to", to)
                .increment();
    }

    void budgetRefused() {
        counter("miyabi.llm.budget.refusals", "Work refused for an exhausted monthly token budget")
                .increment();
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }
}
