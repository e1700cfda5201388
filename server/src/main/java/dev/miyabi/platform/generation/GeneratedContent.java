package dev.miyabi.platform.generation;

import java.util.List;
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

    /** Ids of the jobs that generated a stored course, above {@code after} in id order (for indexers). */
    List<UUID> courseJobsAfter(UUID after, int limit);

    /** Ids of the jobs that generated a stored document, above {@code after} in id order (for indexers). */
    List<UUID> documentJobsAfter(UUID after, int limit);

    Optional<CourseSummary> course(UUID courseId);

    /** The whole course in the shape of the job result (API.md, "Course output"). */
    Optional<JsonNode> courseContent(UUID courseId);

    Optional<DocumentSummary> documentByJob(UUID jobId);

    Optional<DocumentSummary> document(UUID documentId);

    /** The whole document: {@code {title, sections: [{heading, body}], markdown}}. */
    Optional<JsonNode> documentContent(UUID documentId);
}
