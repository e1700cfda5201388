package dev.miyabi.platform.payments;

/** A refund was asked for (by an admin, or automatically by the platform) and is {@code pending} at the gateway. */
public record RefundRequested(Payment payment, Refund refund) implements PaymentEvent {}
