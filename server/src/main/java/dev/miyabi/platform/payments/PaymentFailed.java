package dev.miyabi.platform.payments;

/** The gateway declined or refused the payment ({@code payment.failed}); {@code failureCode} says why and the order stays payable. */
public record PaymentFailed(Payment payment) implements PaymentEvent {}
