package dev.miyabi.platform.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The catalog module's facade for other modules: read access to products whatever their status
 * (the orders module takes the price and checks {@link Product#isOrderable()} at order time).
 * Changes go through the HTTP API and are announced as {@link ProductEvent}s.
 */
public interface Catalog {

    Optional<Product> find(UUID productId);

    /** Products of every status with an id above {@code after}, in id order, at most {@code limit} (for indexers). */
    List<Product> productsAfter(UUID after, int limit);

    /** How many products are in each status (all statuses present, zero included). */
    Map<ProductStatus, Long> countByStatus();
}
