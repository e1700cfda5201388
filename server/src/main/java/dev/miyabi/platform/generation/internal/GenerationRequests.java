package dev.miyabi.platform.generation.internal;

import dev.miyabi.platform.aijobs.AiJobs;
import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.aijobs.JobStatus;
import dev.miyabi.platform.aijobs.NewJob;
import dev.miyabi.platform.generation.GenerationJobs;
import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.llm.TokenBudgets;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.DomainConflict;
import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.FieldViolation;
import dev.miyabi.platform.shared.NotProcessable;
import dev.miyabi.platform.shared.json.JsonSchemas;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Admission of studio jobs (generation requested over HTTP, not through an order): the type must be a
 * generation type (400), the input must satisfy its schema (422 {@code invalid_input}), and the user's
 * monthly token budget must have room for the estimated work (429 {@code budget_exceeded}), which is then
 * reserved for the job in the transaction that queues it — nothing is queued when a check fails. A retry
 * reserves again. The reservation is settled when the job ends ({@link StudioBudgetSettlement}).
 */
@Service
class GenerationRequests {

    static final int MAX_INPUT_BYTES = 32 * 1024;

    private final AiJobs jobs;
    private final JsonSchemas schemas;
    private final TokenBudgets budgets;
    private final GenerationProperties settings;

    GenerationRequests(AiJobs jobs, JsonSchemas schemas, TokenBudgets budgets, GenerationProperties settings) {
        this.jobs = jobs;
        this.schemas = schemas;
        this.budgets = budgets;
        this.settings = settings;
    }

    @Transactional
    public Job submit(CurrentUser user, @Nullable String type, @Nullable JsonNode input) {
        if (type == null || GenerationJobs.inputSchema(type).isEmpty()) {
            throw ApiException.validation(
                    "type", "must be one of " + String.join(", ", new TreeSet<>(GenerationJobs.types())));
        }
        JsonNode checked = check(type, input);
        Job job = jobs.enqueue(NewJob.of(type, checked, user.id()).withMaxAttempts(settings.maxAttempts()));
        budgets.reserve(user.id(), job.id(), estimateTokens(type, checked));
        return job;
    }

    /**
     * Re-queues a failed job of the caller's (admins: anyone's) after reserving its estimate again against
     * the owner's budget. 409 {@code invalid_state} unless it failed, and for a job of an order (the order
     * failed with it and was refunded).
     */
    @Transactional
    public Job retry(CurrentUser user, UUID id) {
        Job job = jobs.get(id, user);
        if (job.orderId() != null && job.status() == JobStatus.FAILED) {
            throw new DomainConflict(
                    ErrorCodes.INVALID_STATE,
                    "The job fulfilled order " + job.orderId()
                            + ", which failed with it and was refunded; place a new order instead",
                    Map.of());
        }
        if (job.status() == JobStatus.FAILED && GenerationJobs.types().contains(job.type())) {
            budgets.reserve(job.userId(), job.id(), estimateTokens(job.type(), job.input()));
        }
        return jobs.retry(id, user);
    }

    /** The input, or 422 {@code invalid_input} naming every broken field as {@code input.<path>}. */
    JsonNode check(String type, @Nullable JsonNode input) {
        if (input == null || input.isNull() || input.isMissingNode()) {
            throw invalid(List.of(new FieldViolation("input", "is required")));
        }
        if (input.toString().getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES) {
            throw invalid(List.of(new FieldViolation("input", "must be at most 32 KB of JSON")));
        }
        List<FieldViolation> violations =
                schemas.validate(GenerationJobs.inputSchema(type).orElseThrow(), input).stream()
                        .map(v -> new FieldViolation(
                                v.field().equals("input") ? "input" : "input." + v.field(), v.message()))
                        .toList();
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        return input;
    }

    /**
     * What a job of this input is expected to cost in tokens (input + output over all model calls), from
     * the plan the agents follow: per lesson (or section) the prompt with its schema and an answer sized by
     * the lesson's minutes; per module a quiz; one outline.
     */
    static long estimateTokens(String type, JsonNode input) {
        if (type.equals(GenerationJobs.COURSE)) {
            CourseInput course = CourseInput.from(input);
            int lessons = course.moduleCount() * course.lessonsPerModule();
            int minutesPerLesson = course.totalMinutes() / lessons;
            long perLesson = 1_800 + Math.min(4_096, 600 + 40L * minutesPerLesson);
            long perQuiz = 1_600 + 1_500;
            long outline = 1_800 + 3_000;
            return outline + lessons * perLesson + course.moduleCount() * perQuiz;
        }
        int sections = 9;
        return 1_500 + 800 + sections * (1_500 + 1_200L);
    }

    private static NotProcessable invalid(List<FieldViolation> violations) {
        return new NotProcessable(
                ErrorCodes.INVALID_INPUT, "The input does not fit the job type's schema", violations, Map.of());
    }
}
