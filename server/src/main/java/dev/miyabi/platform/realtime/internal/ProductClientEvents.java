package dev.miyabi.platform.realtime.internal;

import dev.miyabi.platform.catalog.ProductArchived;
import dev.miyabi.platform.catalog.ProductCreated;
import dev.miyabi.platform.catalog.ProductEvent;
import dev.miyabi.platform.catalog.ProductUpdated;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.realtime.ClientEvents;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The catalog → {@code product.created}, {@code product.updated}, {@code product.archived} (resource type
 * {@code product}) with the product, for admins only (drafts are not public). The catalog's events do not
 * say what the status was before, so the payload has no {@code previousStatus}: the state projection
 * recounts products when one changes (rare, admin-made changes).
 */
@Component
class ProductClientEvents {

    static final String RESOURCE_TYPE = "product";

    private final ClientEvents events;

    ProductClientEvents(ClientEvents events) {
        this.events = events;
    }

    @EventListener
    void on(ProductEvent event) {
        String type = switch (event) {
            case ProductCreated created -> "product.created";
            case ProductUpdated updated -> "product.updated";
            case ProductArchived archived -> "product.archived";
        };
        events.append(
                type,
                RESOURCE_TYPE,
                event.product().id().toString(),
                event.product(),
                List.<UUID>of(),
                List.<Role>of());
    }
}
