package dev.miyabi.platform.shared;

/** One broken field rule, as listed in a problem's {@code errors[]}. */
public record FieldViolation(String field, String message) {}
