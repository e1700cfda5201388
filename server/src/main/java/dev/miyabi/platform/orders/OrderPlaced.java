package dev.miyabi.platform.orders;

/**
 * A customer placed an order; it is {@code pending}. In the same transaction it moves on (an
 * {@link OrderStatusChanged} follows to {@code awaiting_approval} or {@code awaiting_payment}).
 */
public record OrderPlaced(OrderSnapshot order) implements OrderEvent {}
