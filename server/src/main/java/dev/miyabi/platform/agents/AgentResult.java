package dev.miyabi.platform.agents;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What an agent reports for one task.
 *
 * @param status {@code success}; {@code failed} (the task cannot be done; {@code error} says why);
 *     {@code escalated} (handed to people; {@code error} says why, {@code data} may carry context)
 * @param data the agent's output
 * @param metrics how long it took and the LLM tokens it used (the orchestrator measures the duration)
 */
public record AgentResult(
        Status status, @Nullable JsonNode data, @Nullable String error, Metrics metrics) {

    public enum Status {
        SUCCESS,
        FAILED,
        ESCALATED;

        @JsonValue
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Duration in milliseconds and LLM tokens. */
    public record Metrics(long durationMs, long inputTokens, long outputTokens) {

        public static Metrics none() {
            return new Metrics(0, 0, 0);
        }

        public static Metrics tokens(long input, long output) {
            return new Metrics(0, input, output);
        }
    }

    public AgentResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(metrics, "metrics");
        if (status != Status.SUCCESS && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("A " + status.value() + " result needs an error that says why");
        }
    }

    public static AgentResult success(JsonNode data) {
        return new AgentResult(Status.SUCCESS, data, null, Metrics.none());
    }

    public static AgentResult success(JsonNode data, Metrics metrics) {
        return new AgentResult(Status.SUCCESS, data, null, metrics);
    }

    public static AgentResult failed(String error) {
        return new AgentResult(Status.FAILED, null, error, Metrics.none());
    }

    public static AgentResult escalated(String reason, @Nullable JsonNode data) {
        return new AgentResult(Status.ESCALATED, data, reason, Metrics.none());
    }

    public boolean succeeded() {
        return status == Status.SUCCESS;
    }

    public AgentResult withMetrics(Metrics value) {
        return new AgentResult(status, data, error, value);
    }

    /** The same result with the measured duration. */
    public AgentResult withDuration(long millis) {
        return withMetrics(new Metrics(millis, metrics.inputTokens(), metrics.outputTokens()));
    }
}
