package dev.miyabi.platform.shared.web;

/**
 * An API read that does not wait for a turn at {@link AdmissionGate}: one served from memory that needs no
 * pooled connection of its own, where a turn would only limit how many are answered at once. A module declares
 * it as a bean; {@code pattern} is a path pattern such as {@code /api/products/{id}}.
 */
public record UngatedRead(String pattern) {}
