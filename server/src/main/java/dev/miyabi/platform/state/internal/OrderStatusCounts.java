package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.orders.Orders;
import dev.miyabi.platform.state.BusinessCounts;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Orders by status, moved by {@code order.created}/{@code order.updated}. The pattern for every further
 * resource (payments, approvals): name, the events' resource type, and the facade's count by status.
 */
@Component
@Order(2)
class OrderStatusCounts implements BusinessCounts {

    private final Orders orders;

    OrderStatusCounts(Orders orders) {
        this.orders = orders;
    }

    @Override
    public String name() {
        return "orders";
    }

    @Override
    public String resourceType() {
        return "order";
    }

    @Override
    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        orders.countByStatus().forEach((status, count) -> counts.put(status.value(), count));
        return counts;
    }
}
