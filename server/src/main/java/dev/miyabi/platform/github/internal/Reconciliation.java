package dev.miyabi.platform.github.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The safety net for webhooks that never arrived: every interval one instance (a lease in {@code
 * github_mirror}) reads every page of the repository's issues updated since the last run ({@code since=},
 * {@code Link} headers, conditional requests) and applies what people did ({@link GitHubSignals}); for a
 * failed task's issue it also reads the comments made since the task failed, for {@code /retry}.
 */
class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final GitHubClient github;
    private final MirrorState state;
    private final GitHubSignals signals;
    private final GitHubProperties properties;

    Reconciliation(GitHubClient github, MirrorState state, GitHubSignals signals, GitHubProperties properties) {
        this.github = github;
        this.state = state;
        this.signals = signals;
        this.properties = properties;
    }

    /** One run, if this instance gets the turn; returns the issues read. */
    int run() {
        try {
            state.checkNotPaused();
        } catch (RateLimited paused) {
            return 0;
        }
        Duration lease = properties.reconcileInterval().plus(Duration.ofMinutes(2));
        Optional<Optional<Instant>> claimed = state.claimReconciliation(lease);
        if (claimed.isEmpty()) {
            return 0;
        }
        Instant since = claimed.get().orElse(null);
        Instant newest = since;
        int read = 0;
        try {
            String url = github.repo() + "/issues?state=all&sort=updated&direction=asc&per_page="
                    + properties.pageSize() + (since == null ? "" : "&since=" + since.truncatedTo(ChronoUnit.SECONDS));
            while (url != null) {
                GitHubClient.Response page = github.get(url);
                for (JsonNode issue : page.body()) {
                    if (issue.has("pull_request")) {
                        continue;
                    }
                    read++;
                    apply(issue);
                    Instant updated = Instant.parse(issue.path("updated_at").asString());
                    if (newest == null || updated.isAfter(newest)) {
                        newest = updated;
                    }
                }
                url = page.next();
            }
            state.reconciled(newest);
            return read;
        } catch (RateLimited paused) {
            state.releaseReconciliation();
            return read;
        } catch (RuntimeException e) {
            state.releaseReconciliation();
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.warn("Reconciling the GitHub mirror failed: {}", message);
            state.failed(message);
            return read;
        }
    }

    private void apply(JsonNode issue) {
        if (signals.reconcile(issue) != GitHubSignals.Applied.NONE) {
            return;
        }
        if (issue.path("comments").asInt(0) == 0) {
            return;
        }
        signals.task(issue)
                .filter(task -> task.status() == dev.miyabi.platform.agents.AgentTaskStatus.FAILED)
                .ifPresent(task -> {
                    Instant failedAt = task.updatedAt();
                    String url =
                            github.repo() + "/issues/" + issue.path("number").asInt() + "/comments?per_page=100"
                                    + "&since=" + failedAt.truncatedTo(ChronoUnit.SECONDS);
                    while (url != null) {
                        GitHubClient.Response page = github.get(url);
                        for (JsonNode comment : page.body()) {
                            if (signals.commented(issue, comment, failedAt) == GitHubSignals.Applied.RETRIED) {
                                return;
                            }
                        }
                        url = page.next();
                    }
                });
    }
}
