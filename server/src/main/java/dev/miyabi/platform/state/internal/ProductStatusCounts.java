package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.catalog.Catalog;
import dev.miyabi.platform.state.BusinessCounts;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Products by status. Product events carry no previous status, so each one makes the state recount (they
 * are rare, admin-made changes).
 */
@Component
@Order(1)
class ProductStatusCounts implements BusinessCounts {

    private final Catalog catalog;

    ProductStatusCounts(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "products";
    }

    @Override
    public String resourceType() {
        return "product";
    }

    @Override
    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        catalog.countByStatus().forEach((status, count) -> counts.put(status.value(), count));
        return counts;
    }
}
