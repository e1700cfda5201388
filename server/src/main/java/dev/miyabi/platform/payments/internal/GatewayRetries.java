package dev.miyabi.platform.payments.internal;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the gateway again while its answer is unknown and asking again may help ({@link
 * GatewayException#retryable()}), with exponential backoff, up to {@code maxAttempts} calls. Safe only
 * because every call repeats the same request with the same idempotency key.
 */
final class GatewayRetries {

    private static final Logger log = LoggerFactory.getLogger(GatewayRetries.class);

    private final PaymentsProperties.Retry settings;

    GatewayRetries(PaymentsProperties.Retry settings) {
        this.settings = settings;
    }

    <T> T call(String what, Supplier<T> call) {
        int max = settings.maxAttempts();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (GatewayException e) {
                if (!e.retryable() || attempt >= max) {
                    throw e;
                }
                Duration wait = settings.backoff(attempt);
                log.info(
                        "{}: attempt {} of {} had no answer ({}); retrying in {} ms",
                        what,
                        attempt,
                        max,
                        e.reason(),
                        wait.toMillis());
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new GatewayException("interrupted", "Interrupted while waiting to retry", false, interrupted);
                }
            }
        }
    }
}
