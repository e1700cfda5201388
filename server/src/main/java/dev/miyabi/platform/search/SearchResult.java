package dev.miyabi.platform.search;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One thing found: a product, a course, a document or an upload, with its best-matching passage.
 *
 * @param type {@code product}, {@code course}, {@code document} or {@code upload}
 * @param id the product's id; for a course or a document the id of the AI job that generated it (its page
 *     is the job's); the upload's id
 * @param title the product's name, the course's, document's or upload's title
 * @param snippet the matching passage, HTML-escaped, each matching word wrapped in {@code <mark>…</mark>}
 *     (the only markup it contains); the passage's start when only the meaning matched
 * @param score the fused reciprocal-rank score (higher is better; comparable within one response only)
 * @param matchedBy which retrievers found it: {@code keyword} (BM25), {@code semantic} (vectors)
 * @param lesson for a course: the lesson whose passage matched (null when the course overview did)
 * @param section for a document or an upload: the section whose passage matched
 */
public record SearchResult(
        @Schema(allowableValues = {"product", "course", "document", "upload"})
        String type,

        UUID id,
        String title,
        String snippet,
        double score,

        @ArraySchema(schema = @Schema(allowableValues = {"keyword", "semantic"}))
        List<String> matchedBy,

        @Schema(types = {"object", "null"}) @Nullable Lesson lesson,
        @Schema(types = {"object", "null"}) @Nullable Section section) {

    /**
     * A course lesson: {@code module} and {@code lesson} are 1-based, as the course page numbers them
     * ("Lesson 2.3" is module 2, lesson 3).
     */
    public record Lesson(int module, int lesson, String title) {}

    /** A section of a document or an upload: {@code number} is 1-based in reading order. */
    public record Section(
            int number,
            @Schema(types = {"string", "null"}) @Nullable String heading) {}
}
