package dev.miyabi.platform.shared.idempotency;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * A response rebuilt from a resource (see {@link ReplayableResource}): its status, JSON body and
 * {@code Location} (if the first response had one). {@code settled} is false while the outcome is unknown (answered 202 once the first
 * request no longer holds the key; 409 {@code idempotency_key_in_use} while it may still be running).
 */
public record ResourceAnswer(
        int status, Object body, @Nullable URI location, boolean settled) {

    public static ResourceAnswer settled(int status, Object body, @Nullable URI location) {
        return new ResourceAnswer(status, body, location, true);
    }

    public static ResourceAnswer pending(Object body, @Nullable URI location) {
        return new ResourceAnswer(202, body, location, false);
    }
}
