package dev.miyabi.platform.catalog;

/**
 * Something happened to a product; every event carries the product's current client-visible
 * fields (products have no owner: every client may see active ones, admins all).
 */
public sealed interface ProductEvent permits ProductCreated, ProductUpdated, ProductArchived {

    Product product();
}
