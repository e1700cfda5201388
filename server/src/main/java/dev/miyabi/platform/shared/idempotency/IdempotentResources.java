package dev.miyabi.platform.shared.idempotency;

import java.util.UUID;

/**
 * Records what an {@link Idempotent} request created, on its key and in the same transaction as the
 * creation. If the request dies after that commit, before its response is kept, a retry with the same
 * key is answered from the resource by the module's {@link ReplayableResource} instead of 409 until the
 * key expires. Call it inside the transaction that inserts the resource; outside an idempotent request
 * (no key, another thread) it does nothing.
 */
public final class IdempotentResources {

    private IdempotentResources() {}

    /** The running request created the resource {@code type}/{@code id} (e.g. {@code payment}). */
    public static void created(String type, UUID id) {
        ActiveClaim claim = ActiveClaim.current();
        if (claim != null) {
            claim.created(type, id);
        }
    }
}
