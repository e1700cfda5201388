package dev.miyabi.platform.payments;

import org.jspecify.annotations.Nullable;

/** A customer started paying an order: the payment is {@code processing} and the gateway is being asked. */
public record PaymentStarted(Payment payment) implements PaymentEvent {

    /** None: the payment is new. */
    @Override
    public @Nullable PaymentStatus previousStatus() {
        return null;
    }
}
