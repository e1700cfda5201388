package dev.miyabi.platform.catalog;

/** An admin added a product. */
public record ProductCreated(Product product) implements ProductEvent {}
