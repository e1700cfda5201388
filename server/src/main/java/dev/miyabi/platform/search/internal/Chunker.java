package dev.miyabi.platform.search.internal;

import dev.miyabi.platform.catalog.Product;
import dev.miyabi.platform.generation.CourseSummary;
import dev.miyabi.platform.generation.DocumentSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Cuts sources into chunks: a product is one (name + description); a course is its overview (ordinal 0)
 * plus one per lesson; a document one per section; an upload one per heading section, long ones split.
 * Course and document chunks are keyed by the generating job's id, the id clients use for them.
 */
final class Chunker {

    /** Longest upload passage; longer sections are split at paragraph breaks. */
    static final int UPLOAD_SECTION_CHARACTERS = 1500;

    private static final String ACTIVE = "active";

    private Chunker() {}

    static List<Chunk> product(Product product) {
        String description = product.description() == null ? "" : product.description();
        String text = product.name() + "\n" + description;
        return List.of(new Chunk(
                new SourceKey(SourceType.PRODUCT, product.id()),
                0,
                null,
                product.status().value(),
                product.name(),
                null,
                null,
                null,
                null,
                Texts.hasJapanese(text) ? "ja" : "en",
                description));
    }

    /** The overview (description, prerequisites, module titles, assessment) and one chunk per lesson. */
    static List<Chunk> course(CourseSummary summary, JsonNode course) {
        SourceKey key = new SourceKey(SourceType.COURSE, summary.jobId());
        String title = course.path("title").asString(summary.title());
        List<Chunk> chunks = new ArrayList<>();
        StringBuilder overview = new StringBuilder(course.path("description").asString(""));
        appendList(overview, course.path("prerequisites"));
        for (JsonNode module : course.path("modules")) {
            overview.append('\n').append(module.path("title").asString(""));
        }
        overview.append('\n').append(course.path("assessmentStrategy").asString(""));
        chunks.add(chunk(key, 0, summary.userId(), title, null, null, null, null, summary.language(), overview));
        int moduleNumber = 0;
        for (JsonNode module : course.path("modules")) {
            moduleNumber++;
            int lessonNumber = 0;
            for (JsonNode lesson : module.path("lessons")) {
                lessonNumber++;
                StringBuilder body = new StringBuilder();
                appendList(body, lesson.path("topics"));
                body.append('\n')
                        .append(Texts.markdownToText(lesson.path("content").asString("")));
                chunks.add(chunk(
                        key,
                        chunks.size(),
                        summary.userId(),
                        title,
                        lesson.path("title").asString(""),
                        moduleNumber,
                        lessonNumber,
                        null,
                        summary.language(),
                        body));
            }
        }
        return chunks;
    }

    static List<Chunk> document(DocumentSummary summary, JsonNode document) {
        SourceKey key = new SourceKey(SourceType.DOCUMENT, summary.jobId());
        String title = document.path("title").asString(summary.title());
        List<Chunk> chunks = new ArrayList<>();
        int number = 0;
        for (JsonNode section : document.path("sections")) {
            number++;
            chunks.add(chunk(
                    key,
                    chunks.size(),
                    summary.userId(),
                    title,
                    section.path("heading").asString(""),
                    null,
                    null,
                    number,
                    summary.language(),
                    new StringBuilder(Texts.markdownToText(section.path("body").asString("")))));
        }
        return chunks;
    }

    /** An upload's text: Markdown is cut at its headings, any other text into paragraphs. */
    static List<Chunk> upload(UUID uploadId, UUID ownerId, String title, String text, boolean markdown) {
        SourceKey key = new SourceKey(SourceType.UPLOAD, uploadId);
        List<Texts.Section> sections = markdown
                ? Texts.markdownSections(text, UPLOAD_SECTION_CHARACTERS)
                : Texts.plainSections(text, UPLOAD_SECTION_CHARACTERS);
        List<Chunk> chunks = new ArrayList<>();
        for (Texts.Section section : sections) {
            String language = Texts.hasJapanese(section.text()) ? "ja" : "en";
            chunks.add(new Chunk(
                    key,
                    chunks.size(),
                    ownerId,
                    ACTIVE,
                    title,
                    section.heading(),
                    null,
                    null,
                    chunks.size() + 1,
                    language,
                    section.text()));
        }
        return chunks;
    }

    private static Chunk chunk(
            SourceKey key,
            int ordinal,
            UUID owner,
            String title,
            @Nullable String heading,
            @Nullable Integer module,
            @Nullable Integer lesson,
            @Nullable Integer section,
            String language,
            StringBuilder body) {
        return new Chunk(
                key,
                ordinal,
                owner,
                ACTIVE,
                title,
                heading == null || heading.isBlank() ? null : heading,
                module,
                lesson,
                section,
                language,
                body.toString().strip());
    }

    private static void appendList(StringBuilder text, JsonNode values) {
        for (JsonNode value : values) {
            text.append('\n').append(value.asString(""));
        }
    }
}
