package dev.miyabi.platform.payments;

/** The gateway refused a refund; the amount is refundable again and the payment's status is unchanged. */
public record RefundFailed(Payment payment, Refund refund) implements PaymentEvent {

    @Override
    public PaymentStatus previousStatus() {
        return payment.status();
    }
}
