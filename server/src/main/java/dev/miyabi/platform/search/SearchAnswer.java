package dev.miyabi.platform.search;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An answer written from the passages the asker may see, citing them as {@code [n]}.
 *
 * @param answer the text, with numbered citations such as {@code [1]} that refer to {@code citations}
 * @param citations the passages the answer cites, by their number {@code n}
 * @param generatedBy the provider and model that wrote it ({@code offline}: quoted from the passages)
 * @param tokenUsage tokens the answer spent (counted against the user's monthly budget)
 */
public record SearchAnswer(String answer, List<Citation> citations, GeneratedBy generatedBy, TokenUsage tokenUsage) {

    /** One cited passage: its number in the answer and the result it comes from (as a search result names it). */
    public record Citation(
            int n,

            @Schema(allowableValues = {"product", "course", "document", "upload"})
            String type,

            UUID id,
            String title,
            String snippet,
            @Schema(types = {"object", "null"}) SearchResult.@Nullable Lesson lesson,
            @Schema(types = {"object", "null"}) SearchResult.@Nullable Section section) {}

    public record GeneratedBy(String provider, String model) {}

    public record TokenUsage(long input, long output) {}
}
