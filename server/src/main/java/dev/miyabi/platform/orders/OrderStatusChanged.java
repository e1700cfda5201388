package dev.miyabi.platform.orders;

/**
 * An order moved from one status to another; {@code entry} is the timeline entry recording it.
 * Listeners react to the target status: payments refunds an order that went {@code cancelled} or
 * {@code failed} after payment, fulfilment starts work on {@code paid}, and so on.
 */
public record OrderStatusChanged(OrderSnapshot order, OrderStatus from, OrderStatus to, TimelineEntry entry)
        implements OrderEvent {}
