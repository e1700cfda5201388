package dev.miyabi.platform.shared;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The platform cannot take the request right now; asking again after {@link #retryAfter()} may succeed (503). */
public non-sealed class TemporarilyUnavailable extends DomainException {

    public TemporarilyUnavailable(String detail, Duration retryAfter) {
        super(ErrorCodes.SERVICE_UNAVAILABLE, detail, List.of(), Map.of(), retryAfter);
    }
}
