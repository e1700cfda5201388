package dev.miyabi.platform.shared.idempotency;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The key the current request holds while its handler runs. Bound to the request's thread so that
 * the transactions the handler commits can mark the key as having changed data, and record the
 * resource the request created ({@link IdempotentResources#created}) in the same commit.
 */
final class ActiveClaim {

    private static final ThreadLocal<ActiveClaim> CURRENT = new ThreadLocal<>();

    /** A resource created in the transaction now running; written on its commit, forgotten on rollback. */
    record Created(String type, UUID id) {}

    private final String principal;
    private final String key;
    private final UUID token;
    private @Nullable Created created;

    ActiveClaim(String principal, String key, UUID token) {
        this.principal = principal;
        this.key = key;
        this.token = token;
    }

    static @Nullable ActiveClaim current() {
        return CURRENT.get();
    }

    void bind() {
        CURRENT.set(this);
    }

    static void unbind() {
        CURRENT.remove();
    }

    String principal() {
        return principal;
    }

    String key() {
        return key;
    }

    UUID token() {
        return token;
    }

    /** The first resource created in the running transaction wins: it is what the request is about. */
    void created(String type, UUID id) {
        if (created == null) {
            created = new Created(type, id);
        }
    }

    @Nullable
    Created takeCreated() {
        Created taken = created;
        created = null;
        return taken;
    }
}
