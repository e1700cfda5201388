package dev.miyabi.platform.catalog.internal;

import dev.miyabi.platform.catalog.ProductCategory;
import dev.miyabi.platform.catalog.ProductStatus;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Filters of the product listing; null means "any".
 *
 * @param text matched case-insensitively as a substring of the name or the description
 * @param status null lists every status (admins only)
 */
record ProductSearch(
        @Nullable String text,
        @Nullable ProductCategory category,
        @Nullable ProductStatus status,
        @Nullable BigDecimal minPrice,
        @Nullable BigDecimal maxPrice,
        @Nullable String currency) {}
