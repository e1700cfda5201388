package dev.miyabi.platform.catalog.internal;

import dev.miyabi.platform.catalog.ProductCategory;
import dev.miyabi.platform.catalog.ProductStatus;
import dev.miyabi.platform.shared.Money;
import org.jspecify.annotations.Nullable;

/** The fields an admin sets on a product, already validated. */
record ProductDraft(
        String name, @Nullable String description, Money price, ProductCategory category, ProductStatus status) {}
