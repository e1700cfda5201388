package dev.miyabi.platform.github.internal;

import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentTaskStatus;
import dev.miyabi.platform.agents.Orchestrator;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.identity.UserDirectory;
import dev.miyabi.platform.identity.UserSummary;
import dev.miyabi.platform.shared.InvalidStateTransition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * What people do on GitHub that the board follows: closing an issue as <em>not planned</em> or adding
 * {@code a2a:cancelled} cancels its open task (and the job it drives); a {@code /retry} comment from an
 * owner, member or collaborator retries its failed task (at most 3 times, as the API's retry). Everything
 * else on GitHub is left alone. The mirror's own edits never trigger these: it closes as not planned and
 * labels {@code a2a:cancelled} only tasks already cancelled, and never comments {@code /retry}.
 */
class GitHubSignals {

    private static final Logger log = LoggerFactory.getLogger(GitHubSignals.class);
    private static final Set<String> COLLABORATORS = Set.of("OWNER", "MEMBER", "COLLABORATOR");

    /** What a signal did to the board. */
    enum Applied {
        CANCELLED,
        RETRIED,
        NONE;
    }

    private final IssueOutbox outbox;
    private final Orchestrator board;
    private final UserDirectory users;

    GitHubSignals(IssueOutbox outbox, Orchestrator board, UserDirectory users) {
        this.outbox = outbox;
        this.board = board;
        this.users = users;
    }

    /** A webhook: the issue was closed. */
    Applied closed(JsonNode issue) {
        if (!"not_planned".equals(issue.path("state_reason").asString(""))) {
            return Applied.NONE;
        }
        return task(issue).map(t -> cancel(t, "closed as not planned")).orElse(Applied.NONE);
    }

    /** A webhook: a label was added. */
    Applied labeled(JsonNode issue, String label) {
        if (!IssueContent.CANCELLED_LABEL.equals(label)) {
            return Applied.NONE;
        }
        return task(issue).map(t -> cancel(t, "labelled " + label)).orElse(Applied.NONE);
    }

    /** A webhook or the reconciliation: a comment; {@code notBefore} ignores comments older than it. */
    Applied commented(JsonNode issue, JsonNode comment, @Nullable Instant notBefore) {
        if (!isRetryCommand(comment)) {
            return Applied.NONE;
        }
        Optional<AgentTask> task = task(issue);
        if (task.isEmpty() || task.get().status() != AgentTaskStatus.FAILED) {
            return Applied.NONE;
        }
        // GitHub's times are whole seconds.
        if (notBefore != null
                && instant(comment.path("created_at")).isBefore(notBefore.truncatedTo(ChronoUnit.SECONDS))) {
            return Applied.NONE;
        }
        String association = comment.path("author_association").asString("");
        String author = comment.path("user").path("login").asString("?");
        if (!COLLABORATORS.contains(association)) {
            log.info("Ignored /retry on issue #{} by {} ({}: not a collaborator)", number(issue), author, association);
            return Applied.NONE;
        }
        Optional<UUID> owner =
                users.withRole(Role.ADMIN).stream().map(UserSummary::id).findFirst();
        if (owner.isEmpty()) {
            log.warn(
                    "No admin account exists to own the retry of task {}",
                    task.get().id());
            return Applied.NONE;
        }
        try {
            board.retry(task.get().id(), owner.get());
            log.info(
                    "Task {} retried by /retry from {} on issue #{}", task.get().id(), author, number(issue));
            return Applied.RETRIED;
        } catch (InvalidStateTransition refused) {
            log.info("Ignored /retry on issue #{}: {}", number(issue), refused.getMessage());
            return Applied.NONE;
        }
    }

    /**
     * The reconciliation: an issue as it stands now, for a change whose webhook never arrived. A task whose
     * own changes are still on their way to GitHub is skipped (the issue shows an older status); a close is
     * applied only if it happened after the task last changed.
     */
    Applied reconcile(JsonNode issue) {
        Optional<AgentTask> found = task(issue);
        if (found.isEmpty() || outbox.hasPending(found.get().id())) {
            return Applied.NONE;
        }
        AgentTask task = found.get();
        if (task.status().isOpen()) {
            boolean closedNotPlanned = "closed".equals(issue.path("state").asString(""))
                    && "not_planned".equals(issue.path("state_reason").asString(""))
                    && !instant(issue.path("closed_at"))
                            .isBefore(task.updatedAt().truncatedTo(ChronoUnit.SECONDS));
            boolean cancelledLabel = false;
            for (JsonNode label : issue.path("labels")) {
                cancelledLabel |=
                        IssueContent.CANCELLED_LABEL.equals(label.path("name").asString(""));
            }
            if (closedNotPlanned || cancelledLabel) {
                return cancel(task, closedNotPlanned ? "closed as not planned" : "labelled a2a:cancelled");
            }
        }
        return Applied.NONE;
    }

    private Applied cancel(AgentTask task, String why) {
        if (!task.status().isOpen()) {
            return Applied.NONE;
        }
        try {
            board.cancel(task.id(), null);
            log.info("Task {} cancelled on GitHub ({})", task.id(), why);
            return Applied.CANCELLED;
        } catch (InvalidStateTransition refused) {
            // It ended meanwhile.
            return Applied.NONE;
        }
    }

    /** The task of an issue: by the number the mirror stored, else by the marker in its body. */
    Optional<AgentTask> task(JsonNode issue) {
        Optional<UUID> id = outbox.taskOfIssue(number(issue));
        if (id.isEmpty()) {
            id = IssueContent.taskOf(issue.path("body").asString(null))
                    .filter(t -> outbox.find(t).isPresent());
        }
        return id.flatMap(board::find);
    }

    static boolean isRetryCommand(JsonNode comment) {
        String body = comment.path("body").asString("").strip();
        return body.equals("/retry") || body.startsWith("/retry\n") || body.startsWith("/retry ");
    }

    private static int number(JsonNode issue) {
        return issue.path("number").asInt(0);
    }

    private static Instant instant(JsonNode value) {
        String text = value.asString("");
        return text.isEmpty() ? Instant.EPOCH : Instant.parse(text);
    }
}
