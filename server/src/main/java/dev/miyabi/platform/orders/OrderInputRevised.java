package dev.miyabi.platform.orders;

/**
 * The owner revised the input of an order awaiting approval after changes were requested; its approval
 * request was reopened. The status is unchanged ({@code awaiting_approval}); {@code entry} is the
 * timeline entry recording the revision.
 */
public record OrderInputRevised(OrderSnapshot order, TimelineEntry entry) implements OrderEvent {}
