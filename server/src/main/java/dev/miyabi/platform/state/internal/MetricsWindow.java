package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.shared.ApiException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * The hours a metrics summary covers: the current hour and the {@code hours - 1} before it, UTC.
 *
 * @param from the start of the first hour
 * @param to now
 */
record MetricsWindow(Instant from, Instant to, int hours) {

    static final int DEFAULT_HOURS = 24;
    static final int MAX_HOURS = 168;

    /** 400 {@code validation_failed} (field {@code hours}) outside 1–168. */
    static MetricsWindow endingAt(Instant now, @Nullable Integer hours) {
        int count = hours == null ? DEFAULT_HOURS : hours;
        if (count < 1 || count > MAX_HOURS) {
            throw ApiException.validation("hours", "must be between 1 and " + MAX_HOURS);
        }
        Instant from = now.truncatedTo(ChronoUnit.HOURS).minus(count - 1, ChronoUnit.HOURS);
        return new MetricsWindow(from, now, count);
    }

    Instant hour(int index) {
        return from.plus(index, ChronoUnit.HOURS);
    }
}
