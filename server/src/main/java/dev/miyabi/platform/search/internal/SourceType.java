package dev.miyabi.platform.search.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a search result is: the wire names of {@code types} and of a result's {@code type}. */
enum SourceType {
    PRODUCT,
    COURSE,
    DOCUMENT,
    UPLOAD;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SourceType> parse(String value) {
        return Arrays.stream(values())
                .filter(type -> type.value().equals(value))
                .findFirst();
    }
}
