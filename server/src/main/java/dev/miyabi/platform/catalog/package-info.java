/**
 * Catalog: products, their admin CRUD with optimistic locking, and the public listing with search,
 * filters, sorting and paging. Its API is {@link dev.miyabi.platform.catalog.Catalog}, {@link
 * dev.miyabi.platform.catalog.Product} and the {@link dev.miyabi.platform.catalog.ProductEvent}s.
 */
@ApplicationModule(
        displayName = "Catalog",
        allowedDependencies = {"shared", "identity"})
@NullMarked
package dev.miyabi.platform.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
