package dev.miyabi.platform.catalog;

/** An admin deleted a product: it is archived, so orders keep referring to it, and cannot be ordered. */
public record ProductArchived(Product product) implements ProductEvent {}
