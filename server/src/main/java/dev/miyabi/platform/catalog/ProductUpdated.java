package dev.miyabi.platform.catalog;

/** An admin replaced a product's fields (its status may have changed, also back from archived). */
public record ProductUpdated(Product product) implements ProductEvent {}
