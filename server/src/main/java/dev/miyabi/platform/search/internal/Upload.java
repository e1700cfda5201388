package dev.miyabi.platform.search.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * A file in a customer's private library: what was uploaded and the text extracted from it.
 *
 * @param mediaType the type the text was read as: {@code text/markdown}, {@code text/plain}, {@code
 *     text/html} or {@code application/pdf}
 * @param sizeBytes the uploaded file's size
 * @param characters length of the extracted text
 */
record Upload(
        UUID id,
        UUID userId,
        String filename,
        String mediaType,
        long sizeBytes,
        String title,
        int characters,
        Instant createdAt) {}
