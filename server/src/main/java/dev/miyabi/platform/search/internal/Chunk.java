package dev.miyabi.platform.search.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One searchable passage of a source, as stored in {@code search_chunks} and indexed.
 *
 * @param ownerId who may see it besides admins; null for public content (products, visible when active)
 * @param status the product's status; {@code active} for everything else
 * @param title the source's title (product name, course or document title, upload title)
 * @param heading the lesson title, document section heading or upload section heading, if any
 * @param module the lesson's module number (1-based), for course lessons
 * @param lesson the lesson's number within its module (1-based), for course lessons
 * @param section the section's number (1-based), for document and upload sections
 * @param language {@code en}, {@code ja}, … (the source's language, or {@code ja} when the text is Japanese)
 * @param body plain text (Markdown already rendered to text)
 */
record Chunk(
        SourceKey source,
        int ordinal,
        @Nullable UUID ownerId,
        String status,
        String title,
        @Nullable String heading,
        @Nullable Integer module,
        @Nullable Integer lesson,
        @Nullable Integer section,
        String language,
        String body) {

    /** Characters of a passage handed to the embedding model (it reads ~256 word pieces anyway). */
    static final int EMBEDDED_CHARACTERS = 2000;

    public Chunk {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
    }

    /** The text whose vector represents the passage: title, heading and the start of the body. */
    public String embeddingText() {
        String text = heading == null ? title + "\n" + body : title + "\n" + heading + "\n" + body;
        return text.length() <= EMBEDDED_CHARACTERS ? text : text.substring(0, EMBEDDED_CHARACTERS);
    }

    /** SHA-256 of {@link #embeddingText()}: an unchanged text keeps its vector. */
    public byte[] contentHash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(embeddingText().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the text has kana or kanji, so it is also indexed with the Japanese analyzer. */
    public boolean hasJapanese() {
        return Texts.hasJapanese(title) || (heading != null && Texts.hasJapanese(heading)) || Texts.hasJapanese(body);
    }
}
