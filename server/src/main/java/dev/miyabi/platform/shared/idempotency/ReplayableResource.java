package dev.miyabi.platform.shared.idempotency;

import java.util.Optional;
import java.util.UUID;

/**
 * Answers a retry from the resource the first request created ({@link IdempotentResources#created}),
 * when that request committed its effects but its response was never kept (its instance died). One
 * bean per resource type, in the module that owns the resource.
 */
public interface ReplayableResource {

    /** The resource type this bean answers for, as passed to {@link IdempotentResources#created}. */
    String type();

    /**
     * What the first request would answer now: {@link ResourceAnswer#settled} with its final status, or
     * {@link ResourceAnswer#pending} while the outcome is still unknown. A refusal the first request
     * would have answered (a declined payment) is thrown as the same exception. Empty when the resource
     * is gone.
     */
    Optional<ResourceAnswer> answer(UUID id);
}
