package dev.miyabi.platform.generation.internal;

import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.generation.CourseGenerated;
import dev.miyabi.platform.generation.CourseSummary;
import dev.miyabi.platform.generation.DocumentGenerated;
import dev.miyabi.platform.generation.DocumentSummary;
import dev.miyabi.platform.generation.GeneratedContent;
import dev.miyabi.platform.llm.LlmGateway;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Stores generated courses and documents (each once per job, in the caller's transaction — the job's
 * lease-fenced store step — or its own: a job whose course is already stored, by an earlier attempt or a
 * worker that raced this one, gets the stored one back) and publishes {@link CourseGenerated} / {@link
 * DocumentGenerated}; the {@link GeneratedContent} facade reads them.
 */
@Service
class GeneratedContentService implements GeneratedContent {

    private final Courses courses;
    private final Documents documents;
    private final LlmGateway llm;
    private final ApplicationEventPublisher events;

    GeneratedContentService(Courses courses, Documents documents, LlmGateway llm, ApplicationEventPublisher events) {
        this.courses = courses;
        this.documents = documents;
        this.llm = llm;
        this.events = events;
    }

    @Transactional
    public CourseSummary storeCourse(Job job, CourseInput input, JsonNode course) {
        Optional<CourseSummary> stored = courses.findByJob(job.id());
        if (stored.isPresent()) {
            return stored.get();
        }
        UUID id = UUID.randomUUID();
        if (!courses.insert(id, job.id(), job.orderId(), job.userId(), input, course, generatedBy(job.id()))) {
            return courses.findByJob(job.id()).orElseThrow();
        }
        CourseSummary summary = courses.find(id).orElseThrow();
        events.publishEvent(new CourseGenerated(summary));
        return summary;
    }

    @Transactional
    public DocumentSummary storeDocument(Job job, DocumentInput input, JsonNode document) {
        Optional<DocumentSummary> stored = documents.findByJob(job.id());
        if (stored.isPresent()) {
            return stored.get();
        }
        UUID id = UUID.randomUUID();
        if (!documents.insert(id, job.id(), job.orderId(), job.userId(), input, document, generatedBy(job.id()))) {
            return documents.findByJob(job.id()).orElseThrow();
        }
        DocumentSummary summary = documents.find(id).orElseThrow();
        events.publishEvent(new DocumentGenerated(summary));
        return summary;
    }

    /** The providers and models whose answers the job used, e.g. {@code offline/miyabi-offline-1}. */
    private @Nullable String generatedBy(UUID jobId) {
        String models = llm.jobUsage(jobId).generatedBy().stream()
                .map(by -> by.provider() + "/" + by.model())
                .distinct()
                .collect(Collectors.joining(", "));
        return models.isEmpty() ? null : models.length() <= 160 ? models : models.substring(0, 160);
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.List<UUID> courseJobsAfter(UUID after, int limit) {
        return courses.jobsAfter(after, limit);
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.List<UUID> documentJobsAfter(UUID after, int limit) {
        return documents.jobsAfter(after, limit);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CourseSummary> courseByJob(UUID jobId) {
        return courses.findByJob(jobId);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CourseSummary> course(UUID courseId) {
        return courses.find(courseId);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<JsonNode> courseContent(UUID courseId) {
        return courses.content(courseId);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<DocumentSummary> documentByJob(UUID jobId) {
        return documents.findByJob(jobId);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<DocumentSummary> document(UUID documentId) {
        return documents.find(documentId);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<JsonNode> documentContent(UUID documentId) {
        return documents.content(documentId);
    }
}
