package dev.miyabi.platform.generation;

import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The courses and documents the generation agents stored, for other modules (search indexing, the
 * realtime projection). Reads only; what a client may see is decided by the caller (the owner and
 * admins, as for the job that generated it).
 */
public interface GeneratedContent {

    Optional<CourseSummary> courseByJob(UUID jobId);

    Optional<CourseSummary> course(UUID courseId);

    /** The whole course in the shape of the job result (API.md, "Course output"). */
    Optional<JsonNode> courseContent(UUID courseId);

    Optional<DocumentSummary> documentByJob(UUID jobId);

    Optional<DocumentSummary> document(UUID documentId);

    /** The whole document: {@code {title, sections: [{heading, body}], markdown}}. */
    Optional<JsonNode> documentContent(UUID documentId);
}
