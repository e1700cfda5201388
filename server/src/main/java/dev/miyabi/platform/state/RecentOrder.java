package dev.miyabi.platform.state;

import dev.miyabi.platform.catalog.ProductCategory;
import dev.miyabi.platform.orders.OrderSnapshot;
import dev.miyabi.platform.orders.OrderStatus;
import dev.miyabi.platform.shared.Money;
import java.time.Instant;
import java.util.UUID;

/** An order in {@link BusinessState#recentOrders()}: the fields a dashboard lists, not the whole order. */
public record RecentOrder(
        UUID id,
        UUID userId,
        String productName,
        ProductCategory category,
        OrderStatus status,
        Money total,
        Instant createdAt,
        Instant updatedAt) {

    public static RecentOrder of(OrderSnapshot order) {
        return new RecentOrder(
                order.id(),
                order.userId(),
                order.productName(),
                order.category(),
                order.status(),
                order.total(),
                order.createdAt(),
                order.updatedAt());
    }
}
