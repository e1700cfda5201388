package dev.miyabi.platform.generation;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The AI job types the generation module runs, and the JSON Schema (under {@code schemas/}) each one's
 * input must satisfy.
 */
public final class GenerationJobs {

    /** A course: CourseGeneratorAgent (201). Input {@code schemas/course-input.schema.json}. */
    public static final String COURSE = "course_generation";

    /** A business document: DocumentGeneratorAgent (202). Input {@code schemas/document-input.schema.json}. */
    public static final String DOCUMENT = "document_generation";

    private static final Map<String, String> INPUT_SCHEMAS = Map.of(COURSE, "course-input", DOCUMENT, "document-input");

    private GenerationJobs() {}

    /** The job types clients may create with {@code POST /api/ai/jobs}. */
    public static Set<String> types() {
        return INPUT_SCHEMAS.keySet();
    }

    /** The name of the input schema of a generation job type (empty for other types). */
    public static Optional<String> inputSchema(String type) {
        return Optional.ofNullable(INPUT_SCHEMAS.get(type));
    }
}
