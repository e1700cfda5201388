package dev.miyabi.platform.orders;

/**
 * Something happened to an order. Every event carries the order as it stands after the change, with
 * its owner ({@link OrderSnapshot#userId()}) and timeline. Events are published inside the
 * transaction of the change, through Spring Modulith's event publication registry.
 */
public sealed interface OrderEvent permits OrderPlaced, OrderStatusChanged, OrderInputRevised, OrderChangesRequested {

    OrderSnapshot order();
}
