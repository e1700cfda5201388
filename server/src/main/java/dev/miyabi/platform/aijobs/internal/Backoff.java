package dev.miyabi.platform.aijobs.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delays between attempts: {@code base × 2^(attempt − 1)}, capped at {@code max}, minus a random share of
 * up to {@code jitter} of it so that jobs failing together do not retry together.
 */
record Backoff(Duration base, Duration max, double jitter, DoubleSupplier random) {

    Backoff {
        if (base.isNegative() || max.isNegative() || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("backoff needs a non-negative base and max and a jitter in [0, 1]");
        }
    }

    static Backoff of(JobsProperties properties) {
        return new Backoff(
                properties.backoffBase(),
                properties.backoffMax(),
                properties.backoffJitter(),
                () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    /** The longest delay after the given failed attempt (1 = the first attempt failed). */
    Duration ceiling(int failedAttempt) {
        int doublings = Math.clamp(failedAttempt - 1L, 0, 40);
        long millis = base.toMillis();
        long maxMillis = max.toMillis();
        for (int i = 0; i < doublings && millis < maxMillis; i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxMillis));
    }

    /** The delay before the next attempt after the given failed attempt. */
    Duration delay(int failedAttempt) {
        long ceiling = ceiling(failedAttempt).toMillis();
        return Duration.ofMillis(Math.round(ceiling * (1 - jitter * random.getAsDouble())));
    }
}
