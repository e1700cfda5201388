package dev.miyabi.platform.payments;

/**
 * The gateway refused a refund ({@code payment.refund_failed}); the amount is refundable again. The
 * payment's status is unchanged, unless the refund had succeeded before and failed at the provider later
 * (the money never reached the customer): then its amount is taken off the payment's {@code
 * refundedAmount} and status.
 *
 * @param previousStatus the payment's status before the failure was recorded
 */
public record RefundFailed(Payment payment, Refund refund, PaymentStatus previousStatus) implements PaymentEvent {}
