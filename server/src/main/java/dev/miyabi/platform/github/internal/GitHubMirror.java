package dev.miyabi.platform.github.internal;

import dev.miyabi.platform.agents.AgentTaskUpdated;
import dev.miyabi.platform.github.GitHubMirrorStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The mirror's entry points: the outbox writer (a listener called inside the board's transaction, so a
 * change and its outbox row commit together), the webhook events, and the admin's status.
 */
@Service
class GitHubMirror {

    private final GitHubProperties properties;
    private final IssueOutbox outbox;
    private final MirrorState state;
    private final GitHubSignals signals;
    private final WebhookSignature signature;
    private final Clock clock;

    GitHubMirror(
            GitHubProperties properties, IssueOutbox outbox, MirrorState state, GitHubSignals signals, Clock clock) {
        this.clock = clock;
        this.properties = properties;
        this.outbox = outbox;
        this.state = state;
        this.signals = signals;
        this.signature = new WebhookSignature(properties.webhookSecret());
    }

    /**
     * A task was recorded or changed status: an outbox row in the same transaction. Changes that are not a
     * status change (none are published today) are not mirrored.
     */
    @EventListener
    void on(AgentTaskUpdated updated) {
        if (!properties.enabled() || updated.previousStatus() == updated.task().status()) {
            return;
        }
        outbox.record(updated.task(), updated.previousStatus());
    }

    public boolean enabled() {
        return properties.enabled();
    }

    public WebhookSignature signature() {
        return signature;
    }

    /** Applies a verified webhook event; returns what it did ({@code cancelled}, {@code retried} or {@code none}). */
    public String receive(String event, JsonNode payload) {
        String repository = payload.path("repository").path("full_name").asString("");
        if (!repository.equalsIgnoreCase(String.valueOf(properties.repository()))) {
            return "none";
        }
        JsonNode issue = payload.path("issue");
        String action = payload.path("action").asString("");
        GitHubSignals.Applied applied = switch (event) {
            case "issues" ->
                switch (action) {
                    case "closed" -> signals.closed(issue);
                    case "labeled" ->
                        signals.labeled(
                                issue, payload.path("label").path("name").asString(""));
                    default -> GitHubSignals.Applied.NONE;
                };
            case "issue_comment" ->
                action.equals("created")
                        ? signals.commented(issue, payload.path("comment"), null)
                        : GitHubSignals.Applied.NONE;
            default -> GitHubSignals.Applied.NONE;
        };
        return applied.name().toLowerCase(Locale.ROOT);
    }

    @Transactional(readOnly = true)
    public GitHubMirrorStatus status() {
        if (!properties.enabled()) {
            return new GitHubMirrorStatus(false, null, 0, null, null, null);
        }
        MirrorState.Row row = state.read();
        Instant paused = row.pausedUntil();
        return new GitHubMirrorStatus(
                true,
                properties.repository(),
                outbox.backlog(),
                paused != null && paused.isAfter(clock.instant()) ? paused : null,
                row.lastSuccessAt(),
                row.lastError());
    }
}
