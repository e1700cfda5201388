package dev.miyabi.platform.orders;

import java.util.Optional;

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
}
