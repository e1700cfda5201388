package dev.miyabi.platform.orders.internal;

import dev.miyabi.platform.shared.idempotency.ReplayableResource;
import dev.miyabi.platform.shared.idempotency.ResourceAnswer;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A retried {@code POST /api/orders} whose first request placed the order but lost its answer: 201, the order. */
@Component
class OrderReplay implements ReplayableResource {

    static final String TYPE = "order";

    private final OrderService orders;

    OrderReplay(OrderService orders) {
        this.orders = orders;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Optional<ResourceAnswer> answer(UUID id) {
        return orders.find(id)
                .map(order -> ResourceAnswer.settled(201, order, URI.create(OrderController.PATH + "/" + id)));
    }
}
