package dev.miyabi.platform.payments;

/** The gateway captured the payment ({@code payment.succeeded}); the order moves to {@code paid} in the same transaction. */
public record PaymentSucceeded(Payment payment) implements PaymentEvent {}
