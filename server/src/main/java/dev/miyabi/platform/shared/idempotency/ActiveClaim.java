package dev.miyabi.platform.shared.idempotency;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The key the current request holds while its handler runs. Bound to the request's thread so that
 * the transactions the handler commits can mark the key as having changed data.
 */
record ActiveClaim(String principal, String key, UUID token) {

    private static final ThreadLocal<ActiveClaim> CURRENT = new ThreadLocal<>();

    static @Nullable ActiveClaim current() {
        return CURRENT.get();
    }

    void bind() {
        CURRENT.set(this);
    }

    static void unbind() {
        CURRENT.remove();
    }
}
