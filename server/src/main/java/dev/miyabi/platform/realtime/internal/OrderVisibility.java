package dev.miyabi.platform.realtime.internal;

import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.orders.Orders;
import dev.miyabi.platform.realtime.ResourceVisibility;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@code order:<id>} topics: the owner and admins, as {@code GET /api/orders/{id}}. */
@Component
class OrderVisibility implements ResourceVisibility {

    private final Orders orders;

    OrderVisibility(Orders orders) {
        this.orders = orders;
    }

    @Override
    public String resourceType() {
        return OrderClientEvents.RESOURCE_TYPE;
    }

    @Override
    public boolean isVisible(CurrentUser user, String resourceId) {
        // Topics carry canonical UUIDs (checked when parsed).
        return orders.isVisibleTo(UUID.fromString(resourceId), user);
    }
}
