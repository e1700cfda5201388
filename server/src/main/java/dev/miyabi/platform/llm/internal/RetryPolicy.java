package dev.miyabi.platform.llm.internal;

import dev.miyabi.platform.llm.LlmProviderException;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Retries of one request on one provider (resilience4j): only failures a retry may cure (429, 5xx,
 * timeouts, network errors, garbled answers); the wait is the server's {@code Retry-After} when it
 * sent one, else exponential backoff with jitter, capped. A {@code Retry-After} longer than the
 * configured maximum is not waited for: the call fails at once so the next provider can take over.
 */
final class RetryPolicy {

    /** Told about each retry before its wait. */
    interface Listener {
        void retrying(LlmProviderException failure, int attempt, Duration wait);
    }

    private final LlmProperties.Retry settings;

    RetryPolicy(LlmProperties.Retry settings) {
        this.settings = settings;
    }

    /** Runs {@code call}, retrying as described. */
    <T> T execute(String provider, Supplier<T> call, Listener listener) {
        RetryConfig config = RetryConfig.<T>custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnException(error -> error instanceof LlmProviderException failure
                        && failure.retryable()
                        && (failure.retryAfter() == null
                                || failure.retryAfter().compareTo(settings.maxRetryAfter()) <= 0))
                .intervalBiFunction((IntervalBiFunction<T>) (attempt, outcome) -> {
                    LlmProviderException failure = (LlmProviderException) outcome.getLeft();
                    Duration wait = waitBefore(attempt + 1, failure);
                    listener.retrying(failure, attempt + 1, wait);
                    return wait.toMillis();
                })
                .failAfterMaxAttempts(false)
                .build();
        return Retry.of("llm-" + provider, config).executeSupplier(call);
    }

    /** The wait before attempt {@code next} (2 for the first retry). */
    Duration waitBefore(int next, LlmProviderException failure) {
        if (failure.retryAfter() != null) {
            return failure.retryAfter();
        }
        double base = settings.initialBackoff().toMillis() * Math.pow(settings.multiplier(), next - 2);
        double capped = Math.min(base, settings.maxBackoff().toMillis());
        double jitter = settings.jitter() == 0
                ? 0
                : ThreadLocalRandom.current().nextDouble(-settings.jitter(), settings.jitter());
        long millis = Math.round(capped * (1 + jitter));
        return Duration.ofMillis(
                Math.max(0, Math.min(millis, settings.maxBackoff().toMillis())));
    }
}
