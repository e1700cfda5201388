package dev.miyabi.platform.payments;

/** The gateway refused a refund; the amount is refundable again. */
public record RefundFailed(Payment payment, Refund refund) implements PaymentEvent {}
