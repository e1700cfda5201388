package dev.miyabi.platform.payments;

/** A refund succeeded ({@code payment.refunded}): the payment's {@code refundedAmount} and status ({@code partially_refunded} or {@code refunded}) include it. */
public record PaymentRefunded(Payment payment, Refund refund) implements PaymentEvent {}
