package dev.miyabi.platform.aijobs.internal;

import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.aijobs.JobHourlyCounts;
import dev.miyabi.platform.aijobs.JobStatus;
import dev.miyabi.platform.aijobs.JobUsage;
import dev.miyabi.platform.shared.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code ai_jobs} table. Every write a worker makes is fenced by its lease token, so a worker that
 * lost its lease changes nothing. Times come from the database clock, which all instances share.
 */
class Jobs {

    static final Map<String, String> SORTABLE =
            Map.of("createdAt", "created_at", "updatedAt", "updated_at", "priority", "priority");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String COLUMNS = """
            id, job_type, user_id, status, input_params, order_id, priority, attempts, max_attempts, run_at,
            lease_owner, lease_token, lease_expires_at, cancel_requested, progress_step, progress_completed,
            progress_total, progress_message, last_error, input_tokens, output_tokens, estimated_cost,
            generated_by_provider, generated_by_model, created_at, started_at, completed_at, updated_at, version,
            cancel_requested_by""";

    /** The columns every update resets when a job leaves {@code running}. */
    private static final String CLEAR_LEASE = "lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL";

    private static final String TOUCH = "updated_at = now(), version = version + 1";

    private final JdbcClient jdbc;

    Jobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A job row with what only the queue sees: the lease, and who asked for the job's cancellation. */
    record Row(
            Job job,
            @Nullable String leaseOwner,
            @Nullable UUID leaseToken,
            @Nullable UUID cancelRequestedBy) {}

    Row insert(String type, JsonNode input, UUID userId, @Nullable UUID orderId, int priority, int maxAttempts) {
        return jdbc.sql("""
                        INSERT INTO ai_jobs (job_type, user_id, input_params, order_id, priority, max_attempts)
                        VALUES (:type, :user, CAST(:input AS JSONB), :order, :priority, :maxAttempts)
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("type", type)
                .param("user", userId)
                .param("input", JSON.writeValueAsString(input))
                .param("order", orderId)
                .param("priority", priority)
                .param("maxAttempts", maxAttempts)
                .query(Jobs::map)
                .single();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ai_jobs WHERE id = :id")
                .param("id", id)
                .query(Jobs::map)
                .optional();
    }

    Optional<Row> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ai_jobs WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(Jobs::map)
                .optional();
    }

    Optional<JsonNode> output(UUID id) {
        return jdbc.sql("SELECT output_data FROM ai_jobs WHERE id = :id AND status = 'completed'")
                .param("id", id)
                .query((rs, row) -> Optional.ofNullable(json(rs.getString(1))))
                .optional()
                .flatMap(o -> o);
    }

    List<Row> page(@Nullable UUID user, @Nullable JobStatus status, @Nullable String type, PageQuery page) {
        String order = SORTABLE.get(page.sortField()) + " " + page.direction() + ", id " + page.direction();
        return jdbc.sql("SELECT " + COLUMNS + " FROM ai_jobs WHERE " + FILTER + " ORDER BY " + order
                        + " LIMIT :limit OFFSET :offset")
                .param("user", user)
                .param("status", status == null ? null : status.value())
                .param("type", type)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(Jobs::map)
                .list();
    }

    long count(@Nullable UUID user, @Nullable JobStatus status, @Nullable String type) {
        return jdbc.sql("SELECT count(*) FROM ai_jobs WHERE " + FILTER)
                .param("user", user)
                .param("status", status == null ? null : status.value())
                .param("type", type)
                .query(Long.class)
                .single();
    }

    private static final String FILTER = """
            (CAST(:user AS UUID) IS NULL OR user_id = :user)
            AND (CAST(:status AS TEXT) IS NULL OR status = :status)
            AND (CAST(:type AS TEXT) IS NULL OR job_type = :type)
            """;

    /** The queue right now: queued and running jobs, and how long the oldest due queued job has waited. */
    record QueueStats(long queued, long running, double oldestWaitSeconds) {}

    /** One pass over {@code idx_ai_jobs_status_created}; the wait is 0 when no queued job is due. */
    QueueStats queueStats() {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE status = 'queued') AS queued,
                               count(*) FILTER (WHERE status = 'running') AS running,
                               coalesce(extract(epoch FROM now() - min(run_at)
                                   FILTER (WHERE status = 'queued' AND run_at <= now())), 0) AS wait
                        FROM ai_jobs WHERE status IN ('queued', 'running')""")
                .query((rs, row) -> new QueueStats(rs.getLong("queued"), rs.getLong("running"), rs.getDouble("wait")))
                .single();
    }

    Map<JobStatus, Long> countByStatus() {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, count(*) FROM ai_jobs GROUP BY status").query(rs -> {
            long count = rs.getLong(2);
            JobStatus.parse(rs.getString(1)).ifPresent(status -> counts.put(status, count));
        });
        return counts;
    }

    /**
     * Created and ended jobs per hour (UTC). Both halves read an index on their timestamp
     * ({@code idx_ai_jobs_created}, {@code idx_ai_jobs_ended}).
     */
    List<JobHourlyCounts> hourlyCounts(Instant from, Instant to) {
        return jdbc.sql("""
                        WITH created AS (
                            SELECT date_trunc('hour', created_at, 'UTC') AS hour, count(*) AS created
                            FROM ai_jobs WHERE created_at >= :from AND created_at < :to
                            GROUP BY 1),
                        ended AS (
                            SELECT date_trunc('hour', completed_at, 'UTC') AS hour,
                                count(*) FILTER (WHERE status = 'completed') AS completed,
                                count(*) FILTER (WHERE status = 'failed') AS failed,
                                count(*) FILTER (WHERE status = 'cancelled') AS cancelled
                            FROM ai_jobs WHERE completed_at >= :from AND completed_at < :to
                            GROUP BY 1)
                        SELECT coalesce(c.hour, e.hour) AS hour, coalesce(c.created, 0) AS created,
                            coalesce(e.completed, 0) AS completed, coalesce(e.failed, 0) AS failed,
                            coalesce(e.cancelled, 0) AS cancelled
                        FROM created c FULL JOIN ended e ON e.hour = c.hour
                        ORDER BY 1
                        """)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, row) -> new JobHourlyCounts(
                        rs.getTimestamp("hour").toInstant(),
                        rs.getLong("created"),
                        rs.getLong("completed"),
                        rs.getLong("failed"),
                        rs.getLong("cancelled")))
                .list();
    }

    Job.TokenUsage usageSince(UUID user, Instant since) {
        return jdbc.sql("""
                        SELECT coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0)
                        FROM ai_jobs WHERE user_id = :user AND created_at >= :since
                        """)
                .param("user", user)
                .param("since", Timestamp.from(since))
                .query((rs, row) -> new Job.TokenUsage(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    /**
     * Claims up to {@code limit} due jobs, best first, at most {@code slotsByType} of each type, under fresh
     * leases of {@code owner} (one per job); an attempt starts. One statement: each type's best due rows are
     * locked ({@code FOR UPDATE SKIP LOCKED}, so concurrent claimers never get the same job) by an ordered
     * scan of {@code idx_ai_jobs_claimable} that stops after that type's free slots, so a claim costs the
     * same however long the backlog; the best {@code limit} of them are marked running.
     */
    List<Row> claim(Map<String, Integer> slotsByType, int limit, String owner, Duration lease) {
        List<String> types = List.copyOf(slotsByType.keySet());
        return jdbc.sql(CLAIM)
                .param("types", types.toArray(String[]::new))
                .param("slots", types.stream().map(slotsByType::get).toArray(Integer[]::new))
                .param("limit", limit)
                .param("owner", owner)
                .param("leaseMs", lease.toMillis())
                .query(Jobs::map)
                .list();
    }

    /** The statement of {@link #claim} (the tests read its plan). */
    static final String CLAIM = """
            WITH chosen AS (
                SELECT due.id FROM unnest(CAST(:types AS TEXT[]), CAST(:slots AS INT[])) AS slot(type, free)
                CROSS JOIN LATERAL (
                    SELECT id, priority, run_at FROM ai_jobs
                    WHERE status = 'queued' AND run_at <= now() AND job_type = slot.type
                    ORDER BY priority DESC, run_at, id
                    LIMIT least(slot.free, :limit)
                    FOR UPDATE SKIP LOCKED
                ) due
                ORDER BY due.priority DESC, due.run_at, due.id
                LIMIT :limit
            )
            UPDATE ai_jobs j SET status = 'running', lease_owner = :owner, lease_token = gen_random_uuid(),
                lease_expires_at = now() + :leaseMs * INTERVAL '1 millisecond',
                attempts = j.attempts + 1, started_at = coalesce(j.started_at, now()),
                updated_at = now(), version = j.version + 1
            FROM chosen WHERE j.id = chosen.id AND j.status = 'queued'
            RETURNING %s
            """.formatted(prefixed("j"));

    /** Extends the leases still held; returns the tokens renewed and whether cancellation was requested. */
    List<Renewal> renew(Map<UUID, UUID> tokensByJob, Duration lease) {
        return jdbc.sql("""
                        UPDATE ai_jobs j SET lease_expires_at = now() + :leaseMs * INTERVAL '1 millisecond'
                        FROM unnest(CAST(:ids AS UUID[]), CAST(:tokens AS UUID[])) AS held(id, token)
                        WHERE j.id = held.id AND j.lease_token = held.token AND j.status = 'running'
                        RETURNING j.lease_token, j.cancel_requested
                        """)
                .param("leaseMs", lease.toMillis())
                .param("ids", strings(tokensByJob.keySet()))
                .param("tokens", strings(tokensByJob.values()))
                .query((rs, row) -> new Renewal(rs.getObject(1, UUID.class), rs.getBoolean(2)))
                .list();
    }

    record Renewal(UUID token, boolean cancelRequested) {}

    /** The job's cancellation flag, if {@code token} still holds its lease. */
    Optional<Boolean> cancelRequestedUnderLease(UUID id, UUID token) {
        return jdbc.sql("SELECT cancel_requested FROM ai_jobs WHERE id = :id AND lease_token = :token"
                        + " AND status = 'running'")
                .param("id", id)
                .param("token", token)
                .query(Boolean.class)
                .optional();
    }

    /** Locks the job if {@code token} still holds its lease. */
    boolean lockUnderLease(UUID id, UUID token) {
        return jdbc.sql("SELECT id FROM ai_jobs WHERE id = :id AND lease_token = :token AND status = 'running'"
                        + " FOR UPDATE")
                .param("id", id)
                .param("token", token)
                .query(UUID.class)
                .optional()
                .isPresent();
    }

    Optional<Row> progress(
            UUID id,
            UUID token,
            @Nullable String step,
            @Nullable Integer total,
            @Nullable String message,
            boolean countSteps) {
        return jdbc.sql("""
                        UPDATE ai_jobs SET
                            progress_step = coalesce(:step, progress_step),
                            progress_total = coalesce(:total, progress_total),
                            progress_message = coalesce(:message, progress_message),
                            progress_completed = CASE WHEN :countSteps
                                THEN (SELECT count(*) FROM ai_job_steps s WHERE s.job_id = :id)
                                ELSE progress_completed END,
                            %s
                        WHERE id = :id AND lease_token = :token AND status = 'running'
                        RETURNING %s
                        """.formatted(TOUCH, COLUMNS))
                .param("id", id)
                .param("token", token)
                .param("step", step)
                .param("total", total)
                .param("message", message)
                .param("countSteps", countSteps)
                .query(Jobs::map)
                .optional();
    }

    /** A completion to record: the job, the lease token its worker holds, and the output. */
    record Completion(UUID id, UUID token, JsonNode output) {}

    /**
     * Completes several jobs in one statement, each only if its own token still holds its lease: the rows
     * of the jobs completed (a job whose lease was lost is left alone and missing here). Rows are locked in
     * id order.
     */
    List<Row> completeAll(List<Completion> completions) {
        List<Completion> sorted = completions.stream()
                .sorted(java.util.Comparator.comparing(Completion::id))
                .toList();
        return jdbc.sql("""
                        UPDATE ai_jobs j SET status = 'completed', output_data = CAST(done.output AS JSONB),
                            completed_at = now(), last_error = NULL,
                            lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL,
                            updated_at = now(), version = j.version + 1
                        FROM unnest(CAST(:ids AS UUID[]), CAST(:tokens AS UUID[]), CAST(:outputs AS TEXT[]))
                            AS done(id, token, output)
                        WHERE j.id = done.id AND j.lease_token = done.token AND j.status = 'running'
                        RETURNING %s
                        """.formatted(prefixed("j")))
                .param("ids", strings(sorted.stream().map(Completion::id).toList()))
                .param("tokens", strings(sorted.stream().map(Completion::token).toList()))
                .param(
                        "outputs",
                        sorted.stream()
                                .map(c -> JSON.writeValueAsString(c.output()))
                                .toArray(String[]::new))
                .query(Jobs::map)
                .list();
    }

    /**
     * Ends a failed attempt: back to {@code queued} after {@code retryDelay} while attempts remain and the
     * failure is not permanent, else {@code failed}; {@code cancelled} instead when cancellation was
     * requested meanwhile.
     */
    Optional<Row> failAttempt(UUID id, UUID token, String error, Duration retryDelay, boolean permanent) {
        return jdbc.sql("""
                        UPDATE ai_jobs SET
                            status = CASE WHEN cancel_requested THEN 'cancelled'
                                WHEN :permanent OR attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
                            run_at = CASE WHEN cancel_requested OR :permanent OR attempts >= max_attempts THEN run_at
                                ELSE now() + :delayMs * INTERVAL '1 millisecond' END,
                            completed_at = CASE WHEN cancel_requested OR :permanent OR attempts >= max_attempts
                                THEN now() END,
                            last_error = :error, %s, %s
                        WHERE id = :id AND lease_token = :token AND status = 'running'
                        RETURNING %s
                        """.formatted(CLEAR_LEASE, TOUCH, COLUMNS))
                .param("id", id)
                .param("token", token)
                .param("error", error)
                .param("delayMs", retryDelay.toMillis())
                .param("permanent", permanent)
                .query(Jobs::map)
                .optional();
    }

    Optional<Row> cancelUnderLease(UUID id, UUID token) {
        return jdbc.sql("""
                        UPDATE ai_jobs SET status = 'cancelled', completed_at = now(), %s, %s
                        WHERE id = :id AND lease_token = :token AND status = 'running'
                        RETURNING %s
                        """.formatted(CLEAR_LEASE, TOUCH, COLUMNS))
                .param("id", id)
                .param("token", token)
                .query(Jobs::map)
                .optional();
    }

    /**
     * Gives back jobs this instance holds without counting the attempt (graceful shutdown): they are
     * queued again at once, or cancelled when that was requested.
     */
    List<Row> release(Map<UUID, UUID> tokensByJob) {
        return jdbc.sql("""
                        UPDATE ai_jobs j SET
                            status = CASE WHEN j.cancel_requested THEN 'cancelled' ELSE 'queued' END,
                            completed_at = CASE WHEN j.cancel_requested THEN now() END,
                            attempts = greatest(j.attempts - 1, 0), run_at = now(),
                            lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL,
                            updated_at = now(), version = j.version + 1
                        FROM unnest(CAST(:ids AS UUID[]), CAST(:tokens AS UUID[])) AS held(id, token)
                        WHERE j.id = held.id AND j.lease_token = held.token AND j.status = 'running'
                        RETURNING %s
                        """.formatted(prefixed("j")))
                .param("ids", strings(tokensByJob.keySet()))
                .param("tokens", strings(tokensByJob.values()))
                .query(Jobs::map)
                .list();
    }

    /**
     * Recovers jobs whose lease expired (their worker died or hung): queued again at once while attempts
     * remain, else failed; cancelled when that was requested. Rows another sweeper holds are skipped.
     */
    List<Row> recoverExpired(int limit) {
        return jdbc.sql("""
                        WITH expired AS (
                            SELECT id FROM ai_jobs
                            WHERE status = 'running' AND lease_expires_at < now()
                            ORDER BY lease_expires_at
                            LIMIT :limit
                            FOR UPDATE SKIP LOCKED
                        )
                        UPDATE ai_jobs j SET
                            status = CASE WHEN j.cancel_requested THEN 'cancelled'
                                WHEN j.attempts >= j.max_attempts THEN 'failed' ELSE 'queued' END,
                            completed_at = CASE WHEN j.cancel_requested OR j.attempts >= j.max_attempts
                                THEN now() END,
                            run_at = now(),
                            last_error = CASE WHEN j.cancel_requested THEN j.last_error
                                ELSE 'The worker ' || coalesce(j.lease_owner, '?')
                                    || ' stopped renewing its lease during attempt ' || j.attempts END,
                            lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL,
                            updated_at = now(), version = j.version + 1
                        FROM expired WHERE j.id = expired.id
                        RETURNING %s
                        """.formatted(prefixed("j")))
                .param("limit", limit)
                .query(Jobs::map)
                .list();
    }

    Row cancelQueued(UUID id, @Nullable UUID requestedBy) {
        return jdbc.sql("""
                        UPDATE ai_jobs SET status = 'cancelled', completed_at = now(), cancel_requested_by = :by, %s
                        WHERE id = :id AND status = 'queued'
                        RETURNING %s
                        """.formatted(TOUCH, COLUMNS))
                .param("id", id)
                .param("by", requestedBy)
                .query(Jobs::map)
                .single();
    }

    Row requestCancel(UUID id, @Nullable UUID requestedBy) {
        return jdbc.sql("""
                        UPDATE ai_jobs SET cancel_requested = TRUE, cancel_requested_by = :by, %s
                        WHERE id = :id AND status = 'running'
                        RETURNING %s
                        """.formatted(TOUCH, COLUMNS))
                .param("id", id)
                .param("by", requestedBy)
                .query(Jobs::map)
                .single();
    }

    Row requeueFailed(UUID id) {
        return jdbc.sql("""
                        UPDATE ai_jobs SET status = 'queued', attempts = 0, run_at = now(), last_error = NULL,
                            completed_at = NULL, cancel_requested = FALSE, cancel_requested_by = NULL, %s
                        WHERE id = :id AND status = 'failed'
                        RETURNING %s
                        """.formatted(TOUCH, COLUMNS))
                .param("id", id)
                .query(Jobs::map)
                .single();
    }

    /** Adds usage to the running job whose lease {@code token} holds (empty otherwise). */
    Optional<Row> addUsage(UUID id, UUID token, JobUsage usage) {
        return jdbc.sql("""
                        UPDATE ai_jobs SET input_tokens = input_tokens + :in, output_tokens = output_tokens + :out,
                            estimated_cost = estimated_cost + :cost,
                            generated_by_provider = coalesce(CAST(:provider AS TEXT), generated_by_provider),
                            generated_by_model = CASE WHEN CAST(:provider AS TEXT) IS NULL THEN generated_by_model
                                ELSE :model END,
                            %s
                        WHERE id = :id AND lease_token = :token AND status = 'running'
                        RETURNING %s
                        """.formatted(TOUCH, COLUMNS))
                .param("id", id)
                .param("token", token)
                .param("in", usage.inputTokens())
                .param("out", usage.outputTokens())
                .param("cost", usage.estimatedCost())
                .param("provider", usage.provider())
                .param("model", usage.model())
                .query(Jobs::map)
                .optional();
    }

    private static String prefixed(String alias) {
        return String.join(
                ", ",
                java.util.Arrays.stream(COLUMNS.split(","))
                        .map(String::strip)
                        .map(column -> alias + "." + column)
                        .toList());
    }

    private static String[] strings(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }

    private static @Nullable JsonNode json(@Nullable String value) {
        return value == null ? null : JSON.readTree(value);
    }

    static Row map(ResultSet rs, int row) throws SQLException {
        String provider = rs.getString("generated_by_provider");
        Job job = new Job(
                rs.getObject("id", UUID.class),
                rs.getString("job_type"),
                JobStatus.parse(rs.getString("status")).orElseThrow(),
                rs.getObject("user_id", UUID.class),
                rs.getObject("order_id", UUID.class),
                JSON.readTree(rs.getString("input_params")),
                new Job.Progress(
                        rs.getString("progress_step"),
                        rs.getInt("progress_completed"),
                        rs.getInt("progress_total"),
                        rs.getString("progress_message")),
                rs.getInt("priority"),
                rs.getInt("attempts"),
                rs.getInt("max_attempts"),
                rs.getString("last_error"),
                rs.getBoolean("cancel_requested"),
                new Job.TokenUsage(rs.getLong("input_tokens"), rs.getLong("output_tokens")),
                rs.getBigDecimal("estimated_cost"),
                provider == null ? null : new Job.GeneratedBy(provider, rs.getString("generated_by_model")),
                instant(rs, "run_at"),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "completed_at"),
                instant(rs, "updated_at"),
                rs.getLong("version"));
        return new Row(
                job,
                rs.getString("lease_owner"),
                rs.getObject("lease_token", UUID.class),
                rs.getObject("cancel_requested_by", UUID.class));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
