package dev.miyabi.platform.payments;

/**
 * The gateway captured the payment ({@code payment.succeeded}); the order moves to {@code paid} in the same
 * transaction. Only a {@code processing} payment settles, so that is always its previous status.
 */
public record PaymentSucceeded(Payment payment) implements PaymentEvent {

    @Override
    public PaymentStatus previousStatus() {
        return PaymentStatus.PROCESSING;
    }
}
