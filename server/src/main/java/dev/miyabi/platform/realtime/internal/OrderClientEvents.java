package dev.miyabi.platform.realtime.internal;

import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.orders.OrderChangesRequested;
import dev.miyabi.platform.orders.OrderInputRevised;
import dev.miyabi.platform.orders.OrderPlaced;
import dev.miyabi.platform.orders.OrderSnapshot;
import dev.miyabi.platform.orders.OrderStatusChanged;
import dev.miyabi.platform.realtime.ClientEvents;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Orders → {@code order.created} / {@code order.updated} (a status change, or — same status — an approver
 * asking for changes and the input revised after it) (resource type {@code order}), visible to the owner
 * (and admins). Runs synchronously in the transaction that publishes the domain event, so the client event
 * commits or rolls back with the change.
 */
@Component
class OrderClientEvents {

    static final String RESOURCE_TYPE = "order";

    private final ClientEvents events;
    private final JsonMapper json;

    OrderClientEvents(ClientEvents events, JsonMapper json) {
        this.events = events;
        this.json = json;
    }

    @EventListener
    void on(OrderPlaced placed) {
        append("order.created", placed.order(), null);
    }

    @EventListener
    void on(OrderStatusChanged changed) {
        append("order.updated", changed.order(), changed.from());
    }

    @EventListener
    void on(OrderChangesRequested requested) {
        append("order.updated", requested.order(), requested.order().status());
    }

    @EventListener
    void on(OrderInputRevised revised) {
        append("order.updated", revised.order(), revised.order().status());
    }

    private void append(String type, OrderSnapshot order, @Nullable Object previousStatus) {
        events.append(
                type,
                RESOURCE_TYPE,
                order.id().toString(),
                ClientPayloads.withPreviousStatus(json, order, previousStatus),
                List.of(order.userId()),
                List.<Role>of());
    }
}
