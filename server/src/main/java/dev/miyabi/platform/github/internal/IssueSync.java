package dev.miyabi.platform.github.internal;

import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentTaskIssues;
import dev.miyabi.platform.agents.AgentTaskStatus;
import dev.miyabi.platform.agents.Orchestrator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: claims due tasks (a lease per task, renewed before every request), makes sure each
 * has its one issue, posts one comment per recorded status change, then sets the whole label set and the
 * issue's state in one {@code PATCH}. A failure is retried with exponential backoff; a rate limit pauses
 * the mirror and the task waits for the end of the pause without counting an attempt.
 */
class IssueSync {

    private static final Logger log = LoggerFactory.getLogger(IssueSync.class);
    /** Clock drift between this database and GitHub allowed for when searching for a lost issue. */
    private static final Duration SEARCH_MARGIN = Duration.ofMinutes(10);

    private static final int BATCH = 10;

    /** Another instance took the task over (our lease expired). */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }

    private final GitHubClient github;
    private final IssueOutbox outbox;
    private final MirrorState state;
    private final Orchestrator board;
    private final AgentTaskIssues links;
    private final GitHubProperties properties;
    private final Clock clock;
    private final String owner;
    private final Set<String> knownLabels = ConcurrentHashMap.newKeySet();

    IssueSync(
            GitHubClient github,
            IssueOutbox outbox,
            MirrorState state,
            Orchestrator board,
            AgentTaskIssues links,
            GitHubProperties properties,
            Clock clock,
            String owner) {
        this.github = github;
        this.outbox = outbox;
        this.state = state;
        this.board = board;
        this.links = links;
        this.properties = properties;
        this.clock = clock;
        this.owner = owner;
    }

    /** One round: every due task (up to a batch). Returns how many were worked on. */
    int deliverDue() {
        try {
            state.checkNotPaused();
        } catch (RateLimited paused) {
            return 0;
        }
        List<UUID> due = outbox.claimDue(owner, BATCH, properties.lease());
        for (UUID task : due) {
            deliver(task);
        }
        return due.size();
    }

    void deliver(UUID taskId) {
        try {
            // Changes first, then the task: the task read is at least as new as the last change read.
            List<IssueOutbox.Change> changes = outbox.changes(taskId);
            Optional<AgentTask> found = board.find(taskId);
            if (found.isEmpty()) {
                outbox.forget(taskId);
                return;
            }
            AgentTask task = found.get();
            IssueOutbox.Issue issue = outbox.find(taskId).orElseThrow();
            if (changes.isEmpty()) {
                outbox.delivered(taskId, 0);
                return;
            }
            boolean created = false;
            Integer number = issue.number();
            if (number == null) {
                Optional<GitHubClient.Response> existing = Optional.empty();
                if (issue.createStartedAt() != null) {
                    existing = findByMarker(task, issue.taskCreatedAt());
                }
                JsonIssue made;
                if (existing.isPresent()) {
                    made = JsonIssue.of(existing.get().body());
                    log.info("Found issue #{} of task {} by its marker; not creating another", made.number(), taskId);
                } else {
                    ensureLabels(IssueContent.labels(task));
                    renew(taskId);
                    outbox.createStarting(taskId);
                    Map<String, Object> create = new LinkedHashMap<>();
                    create.put("title", IssueContent.title(task));
                    create.put("body", IssueContent.body(task, properties.webUrl()));
                    create.put("labels", IssueContent.labels(task));
                    made = JsonIssue.of(
                            github.post(github.repo() + "/issues", create).body());
                    created = true;
                }
                outbox.issueCreated(taskId, made.number(), made.htmlUrl());
                links.linkIssue(taskId, made.htmlUrl());
                number = made.number();
            }
            boolean retried = false;
            for (IssueOutbox.Change change : changes) {
                retried |= change.previous() == AgentTaskStatus.FAILED && change.status() == AgentTaskStatus.SUBMITTED;
                if (change.previous() == null || change.commented()) {
                    continue;
                }
                renew(taskId);
                github.post(
                        github.repo() + "/issues/" + number + "/comments",
                        Map.of("body", IssueContent.comment(change.status(), change.previous(), change.retryCount())));
                outbox.commented(change.id());
            }
            Map<String, Object> update = new LinkedHashMap<>();
            switch (task.status()) {
                case COMPLETED -> {
                    update.put("state", "closed");
                    update.put("state_reason", "completed");
                }
                case CANCELLED -> {
                    update.put("state", "closed");
                    update.put("state_reason", "not_planned");
                }
                case SUBMITTED, WORKING -> {
                    if (retried) {
                        // Reopened if someone had closed it; the body shows the new attempt count.
                        update.put("state", "open");
                        update.put("body", IssueContent.body(task, properties.webUrl()));
                    }
                }
                case FAILED -> {
                    // Stays open (or as people left it) with a2a:failed, so someone sees it.
                }
            }
            if (!created || !update.isEmpty()) {
                List<String> labels = IssueContent.labels(task);
                ensureLabels(labels);
                update.put("labels", labels);
                renew(taskId);
                github.patch(github.repo() + "/issues/" + number, update);
            }
            outbox.delivered(taskId, changes.getLast().id());
            state.succeeded();
        } catch (LeaseLost lost) {
            log.warn("Lost the claim on task {} to another instance; it carries on", taskId);
        } catch (RateLimited paused) {
            outbox.failed(taskId, owner, paused.getMessage(), paused.until(), false);
        } catch (RuntimeException e) {
            int attempts = outbox.find(taskId).map(IssueOutbox.Issue::attempts).orElse(0) + 1;
            Instant retryAt = clock.instant().plus(backoff(attempts));
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.warn(
                    "Mirroring task {} to GitHub failed (attempt {}), retrying at {}: {}",
                    taskId,
                    attempts,
                    retryAt,
                    message);
            outbox.failed(taskId, owner, message, retryAt, true);
            state.failed(message);
        }
    }

    /**
     * The task's issue if an earlier attempt created it but died before storing its number: the issues
     * created since the task (every page), matched by the hidden marker — GitHub's search index lags and
     * does not see HTML comments.
     */
    private Optional<GitHubClient.Response> findByMarker(AgentTask task, Instant taskCreatedAt) {
        String since = taskCreatedAt
                .minus(SEARCH_MARGIN)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        String url = github.repo() + "/issues?state=all&sort=created&direction=asc&per_page=" + properties.pageSize()
                + "&since=" + since;
        while (url != null) {
            renew(task.id());
            GitHubClient.Response page = github.get(url);
            for (var item : page.body()) {
                if (item.has("pull_request")) {
                    continue;
                }
                if (IssueContent.taskOf(item.path("body").asString(null))
                        .filter(task.id()::equals)
                        .isPresent()) {
                    return Optional.of(new GitHubClient.Response(200, item, null));
                }
            }
            url = page.next();
        }
        return Optional.empty();
    }

    /** Creates the labels this instance has not seen yet, each with its colour; one that exists is fine. */
    private void ensureLabels(List<String> labels) {
        for (String label : labels) {
            if (knownLabels.contains(label)) {
                continue;
            }
            String[] look = IssueContent.LABELS.getOrDefault(label, new String[] {"ededed", ""});
            try {
                github.post(github.repo() + "/labels", Map.of("name", label, "color", look[0], "description", look[1]));
            } catch (GitHubException e) {
                if (!e.alreadyExists()) {
                    throw e;
                }
            }
            knownLabels.add(label);
        }
    }

    private void renew(UUID taskId) {
        if (!outbox.renew(taskId, owner, properties.lease())) {
            throw new LeaseLost();
        }
    }

    private Duration backoff(int attempts) {
        long base = properties.backoffBase().toMillis();
        long delay = Math.min(properties.backoffMax().toMillis(), base << Math.min(attempts - 1, 20));
        long jitter = (long) (delay * 0.2 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(Math.max(base, delay - jitter));
    }

    /** The two fields the mirror keeps from an issue. */
    private record JsonIssue(int number, String htmlUrl) {
        static JsonIssue of(tools.jackson.databind.JsonNode issue) {
            int number = issue.path("number").asInt(0);
            String url = issue.path("html_url").asString("");
            if (number <= 0 || url.isEmpty()) {
                throw new GitHubException(0, "GitHub answered an issue without number or html_url");
            }
            return new JsonIssue(number, url);
        }
    }
}
