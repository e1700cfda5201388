package dev.miyabi.platform.payments;

/**
 * The gateway declined or refused the payment ({@code payment.failed}); {@code failureCode} says why and the
 * order stays payable. Only a {@code processing} payment settles, so that is always its previous status.
 */
public record PaymentFailed(Payment payment) implements PaymentEvent {

    @Override
    public PaymentStatus previousStatus() {
        return PaymentStatus.PROCESSING;
    }
}
