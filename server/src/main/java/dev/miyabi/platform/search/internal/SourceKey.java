package dev.miyabi.platform.search.internal;

import java.util.UUID;

/** One searchable thing: a product, a course (its job), a document (its job) or an upload. */
record SourceKey(SourceType type, UUID id) {

    /** {@code product:<uuid>}, the index's key of all of a source's chunks. */
    @Override
    public String toString() {
        return type.value() + ":" + id;
    }

    public static SourceKey parse(String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("Not a source key: " + value);
        }
        return new SourceKey(
                SourceType.parse(value.substring(0, colon))
                        .orElseThrow(() -> new IllegalArgumentException("Unknown source type in " + value)),
                UUID.fromString(value.substring(colon + 1)));
    }
}
