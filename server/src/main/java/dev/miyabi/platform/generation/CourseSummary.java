package dev.miyabi.platform.generation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A stored course, without its lesson texts: what lists, search indexing and notifications need.
 *
 * @param jobId the AI job that generated it (its result holds the whole course)
 * @param orderId the order it fulfils, if any
 * @param generatedBy provider and model, e.g. {@code offline/miyabi-offline-1}
 */
public record CourseSummary(
        UUID id,
        UUID jobId,
        @Nullable UUID orderId,
        UUID userId,
        String title,
        String description,
        String language,
        String difficulty,
        List<String> moduleTitles,
        int lessonCount,
        int totalMinutes,
        int quizQuestionCount,
        @Nullable String generatedBy,
        Instant createdAt) {

    public CourseSummary {
        moduleTitles = List.copyOf(moduleTitles);
    }
}
