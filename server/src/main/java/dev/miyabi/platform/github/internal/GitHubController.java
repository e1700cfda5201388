package dev.miyabi.platform.github.internal;

import dev.miyabi.platform.github.GitHubMirrorStatus;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.ErrorCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = "GitHub mirror", description = "The agent board mirrored to GitHub Issues (A2A)")
class GitHubController {

    private static final Logger log = LoggerFactory.getLogger(GitHubController.class);

    private final GitHubMirror mirror;
    private final JsonMapper json;

    GitHubController(GitHubMirror mirror, JsonMapper json) {
        this.mirror = mirror;
        this.json = json;
    }

    @GetMapping("/api/integrations/github")
    @PreAuthorize("hasRole('admin')")
    @Operation(
            summary = "The GitHub mirror's state (admin)",
            description = "enabled, repository, backlog (tasks with changes not yet on GitHub), pausedUntil (a rate"
                    + " limit stops every request until then), lastSuccessAt, lastError.")
    GitHubMirrorStatus status() {
        return mirror.status();
    }

    @PostMapping("/api/integrations/github/webhook")
    @Operation(
            summary = "GitHub webhook (no bearer token; signed)",
            description =
                    "X-Hub-Signature-256: sha256= + HMAC-SHA256 of the raw body with MIYABI_GITHUB_WEBHOOK_SECRET,"
                            + " else 400 invalid_signature and nothing changes. Events: issues (closed as not_planned, or"
                            + " labeled a2a:cancelled → the task is cancelled), issue_comment (created \"/retry\" by an owner,"
                            + " member or collaborator on a failed task → retried), ping. Answers {received, applied}.")
    Map<String, Object> webhook(
            @RequestHeader(name = "X-Hub-Signature-256", required = false) @Nullable String signature,
            @RequestHeader(name = "X-GitHub-Event", required = false) @Nullable String event,
            @RequestBody(required = false) byte @Nullable [] body) {
        byte[] raw = body == null ? new byte[0] : body;
        if (!mirror.signature().matches(signature, raw)) {
            log.warn("Refused a GitHub webhook: {}", signature == null ? "no signature" : "bad signature");
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    ErrorCodes.INVALID_SIGNATURE,
                    "X-Hub-Signature-256 is missing or does not match the body");
        }
        if (!mirror.enabled()) {
            throw ApiException.notFound("GitHub mirror");
        }
        JsonNode payload;
        try {
            payload = json.readTree(raw);
        } catch (JacksonException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.MALFORMED_REQUEST, "The event is not JSON");
        }
        if (!payload.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCodes.MALFORMED_REQUEST, "The event is not an object");
        }
        String applied = mirror.receive(event == null ? "" : event, payload);
        return Map.of("received", true, "applied", applied);
    }
}
