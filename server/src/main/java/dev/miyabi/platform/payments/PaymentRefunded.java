package dev.miyabi.platform.payments;

/**
 * A refund succeeded ({@code payment.refunded}): the payment's {@code refundedAmount} and status ({@code
 * partially_refunded} or {@code refunded}) include it.
 *
 * @param previousStatus the payment's status before this refund was recorded ({@code succeeded}, {@code
 *     partially_refunded}, or {@code refunded} when several refunds confirmed at once complete it)
 */
public record PaymentRefunded(Payment payment, Refund refund, PaymentStatus previousStatus) implements PaymentEvent {}
