package dev.miyabi.platform.payments;

/** A customer started paying an order: the payment is {@code processing} and the gateway is being asked. */
public record PaymentStarted(Payment payment) implements PaymentEvent {}
