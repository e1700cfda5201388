/**
 * Orders: placement at the catalog's price, the order state machine with its timeline, and the hooks
 * through which approvals, payments and fulfilment move an order forward. Its API is the {@link
 * dev.miyabi.platform.orders.Orders} facade, the {@link dev.miyabi.platform.orders.OrderSnapshot}
 * record, the {@link dev.miyabi.platform.orders.OrderEvent}s and the {@link
 * dev.miyabi.platform.orders.ApprovalGate} SPI.
 */
@ApplicationModule(
        displayName = "Orders",
        allowedDependencies = {"shared", "identity", "catalog"})
@NullMarked
package dev.miyabi.platform.orders;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
