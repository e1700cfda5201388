package dev.miyabi.platform.generation;

import java.util.UUID;

/**
 * A course was generated and stored (in the transaction that stored it). Carries the course's summary
 * with its owner; the whole course is the job's result ({@code GET /api/ai/jobs/{jobId}/result}).
 */
public record CourseGenerated(CourseSummary course) {

    public UUID userId() {
        return course.userId();
    }
}
