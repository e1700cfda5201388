package dev.miyabi.platform.payments;

/**
 * A refund was asked for (by an admin, or automatically by the platform) and is {@code pending} at the
 * gateway. The payment's status does not change until the refund succeeds.
 */
public record RefundRequested(Payment payment, Refund refund) implements PaymentEvent {

    @Override
    public PaymentStatus previousStatus() {
        return payment.status();
    }
}
