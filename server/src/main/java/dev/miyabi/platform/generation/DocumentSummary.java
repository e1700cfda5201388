package dev.miyabi.platform.generation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A stored document, without its text: what lists, search indexing and notifications need. */
public record DocumentSummary(
        UUID id,
        UUID jobId,
        @Nullable UUID orderId,
        UUID userId,
        String documentType,
        String title,
        String audience,
        String tone,
        String language,
        List<String> headings,
        int characters,
        @Nullable String generatedBy,
        Instant createdAt) {

    public DocumentSummary {
        headings = List.copyOf(headings);
    }
}
