package dev.miyabi.platform.shared;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A quota or rate is used up; asking again after {@link #retryAfter()} may succeed (429). */
public non-sealed class LimitReached extends DomainException {

    public LimitReached(String code, String detail, Duration retryAfter) {
        this(code, detail, Map.of(), retryAfter);
    }

    public LimitReached(String code, String detail, Map<String, ?> properties, Duration retryAfter) {
        super(code, detail, List.of(), properties, retryAfter);
    }
}
