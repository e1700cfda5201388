package dev.miyabi.platform.orders;

import dev.miyabi.platform.shared.Actor;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The placement decision, implemented by the approvals module (which depends on orders, not the
 * other way round). When a customer places an order, the orders module calls every gate bean in
 * order, inside the placing transaction, with the new {@code pending} order; the first that answers
 * opens an approval request and the order becomes {@code awaiting_approval}. When no bean exists or
 * none answers, the order becomes {@code awaiting_payment} at once.
 *
 * <p>An implementation must not call the {@link Orders} transitions for this order (it is being
 * placed); a failure it throws aborts the placement.
 */
public interface ApprovalGate {

    /** Opens an approval request when a policy applies to the order; empty when none does. */
    Optional<ApprovalRequired> open(OrderSnapshot order);

    /**
     * The order's owner revised its input while it awaits approval ({@code PATCH /api/orders/{id}}).
     * Called inside the revising transaction, before the order is changed. A gate that opened the
     * order's approval request reopens it at its first stage and answers true, or throws an {@code
     * ApiException} (409 {@code invalid_state}) when the request is not waiting for changes; a gate that
     * knows nothing of the order answers false.
     *
     * @param revisedInput the input as revised and checked (the order still holds the previous one)
     */
    default boolean reopen(OrderSnapshot order, @Nullable JsonNode revisedInput, Actor by) {
        return false;
    }
}
