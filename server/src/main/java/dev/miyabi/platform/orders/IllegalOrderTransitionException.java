package dev.miyabi.platform.orders;

import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.ErrorCodes;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A transition the order's current status forbids: 409 {@code invalid_state}, naming both statuses
 * ({@code currentStatus}, {@code requestedStatus} in the problem). Nothing was changed.
 */
public class IllegalOrderTransitionException extends ApiException {

    private final OrderStatus current;
    private final OrderStatus requested;

    public IllegalOrderTransitionException(OrderStatus current, OrderStatus requested, String reason) {
        super(
                HttpStatus.CONFLICT,
                ErrorCodes.INVALID_STATE,
                "The order is " + current.value() + " and cannot become " + requested.value() + ": " + reason,
                List.of(),
                Map.of("currentStatus", current.value(), "requestedStatus", requested.value()),
                null);
        this.current = current;
        this.requested = requested;
    }

    public OrderStatus current() {
        return current;
    }

    public OrderStatus requested() {
        return requested;
    }
}
