package dev.miyabi.platform.orders;

import dev.miyabi.platform.shared.InvalidStateTransition;

/**
 * A transition the order's current status forbids: 409 {@code invalid_state}, naming both statuses
 * ({@code currentStatus}, {@code requestedStatus} in the problem). Nothing was changed.
 */
public class IllegalOrderTransitionException extends InvalidStateTransition {

    private final OrderStatus currentStatus;
    private final OrderStatus requestedStatus;

    public IllegalOrderTransitionException(OrderStatus current, OrderStatus requested, String reason) {
        super(
                current.value(),
                requested.value(),
                "The order is " + current.value() + " and cannot become " + requested.value() + ": " + reason);
        this.currentStatus = current;
        this.requestedStatus = requested;
    }

    public OrderStatus currentStatus() {
        return currentStatus;
    }

    public OrderStatus requestedStatus() {
        return requestedStatus;
    }
}
