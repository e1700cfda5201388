package dev.miyabi.platform.orders;

/**
 * An approver asked for changes to an order awaiting approval. The status is unchanged ({@code
 * awaiting_approval}); {@code entry} is the timeline entry naming the approver and what they asked for.
 */
public record OrderChangesRequested(OrderSnapshot order, TimelineEntry entry) implements OrderEvent {}
