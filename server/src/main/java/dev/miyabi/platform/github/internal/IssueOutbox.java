package dev.miyabi.platform.github.internal;

import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentTaskStatus;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tables {@code github_issues} (one row per mirrored task: its issue and delivery state) and {@code
 * github_outbox} (the status changes still to deliver). Claims take due rows with {@code FOR UPDATE SKIP
 * LOCKED} and a lease in one statement, so two instances never work on one task; a claim not renewed
 * expires after the lease.
 */
@Repository
class IssueOutbox {

    /** A mirrored task's row. */
    record Issue(
            UUID taskId,
            Instant taskCreatedAt,
            @Nullable Integer number,
            @Nullable String htmlUrl,
            @Nullable Instant createStartedAt,
            int attempts) {}

    /** A status change to deliver. */
    record Change(
            long id, AgentTaskStatus status, @Nullable AgentTaskStatus previous, int retryCount, boolean commented) {}

    private final JdbcClient jdbc;

    IssueOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a change of the task; runs in the board's transaction. */
    void record(AgentTask task, @Nullable AgentTaskStatus previous) {
        jdbc.sql("""
                        INSERT INTO github_issues (task_id, task_created_at) VALUES (:task, :created)
                        ON CONFLICT (task_id) DO NOTHING
                        """)
                .param("task", task.id())
                .param("created", Timestamp.from(task.createdAt()))
                .update();
        jdbc.sql("""
                        INSERT INTO github_outbox (task_id, status, previous_status, retry_count)
                        VALUES (:task, :status, :previous, :retries)
                        """)
                .param("task", task.id())
                .param("status", task.status().value())
                .param("previous", previous == null ? null : previous.value())
                .param("retries", task.retryCount())
                .update();
    }

    List<UUID> claimDue(String owner, int limit, Duration lease) {
        return jdbc.sql("""
                        UPDATE github_issues SET lease_owner = :owner, lease_until = now() + make_interval(secs => :lease)
                        WHERE task_id IN (
                            SELECT g.task_id FROM github_issues g
                            WHERE g.task_id IN (SELECT o.task_id FROM github_outbox o)
                              AND g.next_attempt_at <= now() AND (g.lease_until IS NULL OR g.lease_until < now())
                            ORDER BY g.next_attempt_at LIMIT :limit FOR UPDATE OF g SKIP LOCKED)
                        RETURNING task_id
                        """)
                .param("owner", owner)
                .param("lease", seconds(lease))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /** Extends this owner's claim; false when it was lost (expired and taken by another instance). */
    boolean renew(UUID task, String owner, Duration lease) {
        return jdbc.sql("""
                        UPDATE github_issues SET lease_until = now() + make_interval(secs => :lease)
                        WHERE task_id = :task AND lease_owner = :owner AND lease_until >= now()
                        """)
                        .param("task", task)
                        .param("owner", owner)
                        .param("lease", seconds(lease))
                        .update()
                > 0;
    }

    Optional<Issue> find(UUID task) {
        return jdbc.sql("""
                        SELECT task_id, task_created_at, issue_number, html_url, create_started_at, attempts
                        FROM github_issues WHERE task_id = :task
                        """)
                .param("task", task)
                .query((rs, n) -> new Issue(
                        rs.getObject("task_id", UUID.class),
                        rs.getTimestamp("task_created_at").toInstant(),
                        (Integer) rs.getObject("issue_number"),
                        rs.getString("html_url"),
                        rs.getTimestamp("create_started_at") == null
                                ? null
                                : rs.getTimestamp("create_started_at").toInstant(),
                        rs.getInt("attempts")))
                .optional();
    }

    Optional<UUID> taskOfIssue(int number) {
        return jdbc.sql("SELECT task_id FROM github_issues WHERE issue_number = :number")
                .param("number", number)
                .query(UUID.class)
                .optional();
    }

    /** Whether the task has changes not yet on GitHub (its issue may show an older status). */
    boolean hasPending(UUID task) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM github_outbox WHERE task_id = :task)")
                .param("task", task)
                .query(Boolean.class)
                .single();
    }

    List<Change> changes(UUID task) {
        return jdbc.sql("""
                        SELECT id, status, previous_status, retry_count, commented_at FROM github_outbox
                        WHERE task_id = :task ORDER BY id
                        """)
                .param("task", task)
                .query((rs, n) -> new Change(
                        rs.getLong("id"),
                        AgentTaskStatus.parse(rs.getString("status")).orElseThrow(),
                        rs.getString("previous_status") == null
                                ? null
                                : AgentTaskStatus.parse(rs.getString("previous_status"))
                                        .orElseThrow(),
                        rs.getInt("retry_count"),
                        rs.getTimestamp("commented_at") != null))
                .list();
    }

    /** Committed before the create request, so a crash after it leads to a search by marker first. */
    void createStarting(UUID task) {
        jdbc.sql("UPDATE github_issues SET create_started_at = now() WHERE task_id = :task")
                .param("task", task)
                .update();
    }

    void issueCreated(UUID task, int number, String htmlUrl) {
        jdbc.sql("UPDATE github_issues SET issue_number = :number, html_url = :url WHERE task_id = :task")
                .param("task", task)
                .param("number", number)
                .param("url", htmlUrl)
                .update();
    }

    void commented(long change) {
        jdbc.sql("UPDATE github_outbox SET commented_at = now() WHERE id = :id")
                .param("id", change)
                .update();
    }

    /**
     * The changes up to {@code lastChange} are on GitHub: they go and the claim ends (the task stays due
     * if a newer change arrived meanwhile).
     */
    void delivered(UUID task, long lastChange) {
        jdbc.sql("DELETE FROM github_outbox WHERE task_id = :task AND id <= :last")
                .param("task", task)
                .param("last", lastChange)
                .update();
        jdbc.sql("""
                        UPDATE github_issues SET attempts = 0, last_error = NULL, lease_owner = NULL, lease_until = NULL,
                            next_attempt_at = now(), synced_at = now()
                        WHERE task_id = :task
                        """).param("task", task).update();
    }

    /** Delivery failed: try again after {@code delay}, or at the end of a rate-limit pause. */
    void failed(UUID task, String owner, String error, Instant retryAt, boolean countAttempt) {
        jdbc.sql("""
                        UPDATE github_issues SET attempts = attempts + :count, last_error = :error,
                            next_attempt_at = :retry, lease_owner = NULL, lease_until = NULL
                        WHERE task_id = :task AND lease_owner = :owner
                        """)
                .param("task", task)
                .param("owner", owner)
                .param("count", countAttempt ? 1 : 0)
                .param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .param("retry", Timestamp.from(retryAt))
                .update();
    }

    /** Drops the row of a task that no longer exists on the board. */
    void forget(UUID task) {
        jdbc.sql("DELETE FROM github_issues WHERE task_id = :task")
                .param("task", task)
                .update();
    }

    /** Tasks with changes not yet on GitHub. */
    long backlog() {
        return jdbc.sql("SELECT count(DISTINCT task_id) FROM github_outbox")
                .query(Long.class)
                .single();
    }

    private static double seconds(Duration duration) {
        return (double) duration.toMillis() / 1000;
    }
}
