package dev.miyabi.platform.generation.internal;

import dev.miyabi.platform.aijobs.AiJobs;
import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.aijobs.JobFilter;
import dev.miyabi.platform.aijobs.JobStatus;
import dev.miyabi.platform.generation.GenerationJobs;
import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.DomainConflict;
import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/ai/jobs")
@Tag(name = "AI jobs", description = "Course and document generation jobs, their progress and their results")
class AiJobController {

    /** The sandbox of an exported HTML document: styles only, nothing runs or loads. */
    static final String HTML_EXPORT_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none';"
                    + " form-action 'none'; sandbox";

    private final AiJobs jobs;
    private final GenerationRequests requests;
    private final Exports exports;

    AiJobController(AiJobs jobs, GenerationRequests requests, Exports exports) {
        this.jobs = jobs;
        this.requests = requests;
        this.exports = exports;
    }

    record CreateJobRequest(@Nullable String type, @Nullable JsonNode input) {}

    @PostMapping
    @Operation(
            summary = "Queue a course or document generation job",
            description = "type course_generation | document_generation; input per schemas/course-input or"
                    + " document-input (422 invalid_input). 429 budget_exceeded when the monthly token budget"
                    + " has no room for the estimated work, which is then reserved until the job ends. 202 + Location.")
    @ApiResponse(responseCode = "202", description = "Queued; Location names the job")
    ResponseEntity<Job> create(@RequestBody CreateJobRequest body, CurrentUser user) {
        Job job = requests.submit(user, body.type(), body.input());
        return ResponseEntity.accepted()
                .location(URI.create("/api/ai/jobs/" + job.id()))
                .body(job);
    }

    @GetMapping
    @Operation(
            summary = "Jobs, newest first: your own; admins see all and may filter by userId",
            description = "Filters: status, type; userId (admins). Sort: createdAt, updatedAt, priority.")
    PageResponse<Job> list(
            @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(required = false) @Nullable Integer size,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable JobStatus status,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable UUID userId,
            CurrentUser user) {
        PageQuery query = PageQuery.of(page, size, sort, AiJobs.SORTABLE, "createdAt,desc");
        if (type != null && (type.isBlank() || type.length() > 50)) {
            throw ApiException.validation("type", "must be a job type such as course_generation");
        }
        if (userId != null && !user.isAdmin() && !userId.equals(user.id())) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, "Only admins may list other users' jobs");
        }
        return jobs.list(user, new JobFilter(status, type, userId), query);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One job with its progress (yours, or any for admins)")
    Job get(@PathVariable UUID id, CurrentUser user) {
        return jobs.get(id, user);
    }

    @GetMapping("/{id}/result")
    @Operation(
            summary = "The result of a completed job",
            description = "JSON by default; format=markdown (text/markdown), html (a standalone text/html document)"
                    + " or pdf (application/pdf, as an attachment) for course and document jobs. 409"
                    + " job_not_completed before completion.")
    ResponseEntity<?> result(
            @PathVariable UUID id, @RequestParam(required = false) @Nullable String format, CurrentUser user) {
        String wanted =
                format == null || format.isBlank() ? "json" : format.strip().toLowerCase(java.util.Locale.ROOT);
        if (!wanted.equals("json") && !wanted.equals("markdown") && !wanted.equals("html") && !wanted.equals("pdf")) {
            throw ApiException.validation("format", "must be one of json, markdown, html, pdf");
        }
        Job job = jobs.get(id, user);
        JsonNode output = jobs.output(id, user);
        if (wanted.equals("json")) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(output);
        }
        if (!GenerationJobs.types().contains(job.type())) {
            throw ApiException.validation(
                    "format", wanted + " is available for course_generation and document_generation jobs only");
        }
        Exports.Rendered rendered = exports.render(job, output, wanted);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(new MediaType(MediaType.parseMediaType(rendered.mediaType()), StandardCharsets.UTF_8))
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store");
        if (wanted.equals("pdf")) {
            response.contentType(MediaType.APPLICATION_PDF)
                    .header(HttpHeaders.CONTENT_DISPOSITION, disposition("attachment", rendered.fileName()));
        } else {
            response.header(HttpHeaders.CONTENT_DISPOSITION, disposition("inline", rendered.fileName()));
        }
        if (wanted.equals("html")) {
            response.header("Content-Security-Policy", HTML_EXPORT_POLICY);
        }
        return response.body(rendered.body());
    }

    @PostMapping("/{id}/cancel")
    @Operation(
            summary = "Cancel a queued or running job",
            description = "A running job stops at its next step. A job that fulfils an order is cancelled by admins"
                    + " only (the order is then cancelled and refunded).")
    Job cancel(@PathVariable UUID id, CurrentUser user) {
        Job job = jobs.get(id, user);
        if (job.orderId() != null && !user.isAdmin()) {
            throw new DomainConflict(
                    ErrorCodes.INVALID_STATE,
                    "The job fulfils order " + job.orderId()
                            + "; a paid order is cancelled by an admin, which also stops the job",
                    Map.of());
        }
        return jobs.cancel(id, user);
    }

    @PostMapping("/{id}/retry")
    @Operation(
            summary = "Retry a failed job",
            description = "Finished steps are kept, so it resumes where it failed. Its estimate is reserved again"
                    + " against the owner's monthly token budget (429 budget_exceeded when it does not fit). A job"
                    + " that fulfilled an order cannot be retried: the order failed with it and was refunded.")
    Job retry(@PathVariable UUID id, CurrentUser user) {
        return requests.retry(user, id);
    }

    /** {@code attachment; filename="x.pdf"} (file names are ASCII slugs). */
    private static String disposition(String type, String fileName) {
        return ContentDisposition.builder(type).filename(fileName).build().toString();
    }
}
