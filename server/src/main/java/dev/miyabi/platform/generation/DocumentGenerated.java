package dev.miyabi.platform.generation;

import java.util.UUID;

/**
 * A document was generated and stored (in the transaction that stored it). Carries the document's
 * summary with its owner; the whole document is the job's result.
 */
public record DocumentGenerated(DocumentSummary document) {

    public UUID userId() {
        return document.userId();
    }
}
