package dev.miyabi.platform.agents.internal;

import dev.miyabi.platform.agents.AgentResult;
import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentTaskCounts;
import dev.miyabi.platform.agents.AgentTaskRequest;
import dev.miyabi.platform.agents.AgentTaskStatus;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.shared.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code agent_tasks} table: the board. */
@Repository
class AgentTasks {

    static final Map<String, String> SORTABLE =
            Map.of("createdAt", "created_at", "updatedAt", "updated_at", "priority", "priority");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String COLUMNS = """
            id, title, agent_type, status, execution, priority, retry_count, resource_type, resource_id, ai_job_id,
            issue_url, input, outcome, result, error, input_tokens, output_tokens, duration_ms, started_at,
            completed_at, created_at, updated_at, version""";

    private static final String TOUCH = "updated_at = now(), version = version + 1";

    private final JdbcClient jdbc;

    AgentTasks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    AgentTask insert(UUID id, AgentTaskRequest request, AgentTask.Execution execution, @Nullable UUID aiJobId) {
        return jdbc.sql("""
                        INSERT INTO agent_tasks (id, title, agent_type, execution, priority, resource_type, resource_id,
                            ai_job_id, input)
                        VALUES (:id, :title, :agent, :execution, :priority, :resourceType, :resourceId, :job,
                            CAST(:input AS JSONB))
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("title", request.title())
                .param("agent", request.agentType().value())
                .param("execution", execution.value())
                .param("priority", request.priority())
                .param("resourceType", request.resourceType())
                .param("resourceId", request.resourceId())
                .param("job", aiJobId)
                .param("input", JSON.writeValueAsString(request.input()))
                .query(AgentTasks::map)
                .single();
    }

    Optional<AgentTask> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_tasks WHERE id = :id")
                .param("id", id)
                .query(AgentTasks::map)
                .optional();
    }

    Optional<AgentTask> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_tasks WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(AgentTasks::map)
                .optional();
    }

    Optional<AgentTask> lockByJob(UUID jobId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_tasks WHERE ai_job_id = :job FOR UPDATE")
                .param("job", jobId)
                .query(AgentTasks::map)
                .optional();
    }

    Optional<AgentTask> findByJob(UUID jobId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_tasks WHERE ai_job_id = :job")
                .param("job", jobId)
                .query(AgentTasks::map)
                .optional();
    }

    Optional<AgentTaskStatus> status(UUID id) {
        return jdbc.sql("SELECT status FROM agent_tasks WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .optional()
                .flatMap(AgentTaskStatus::parse);
    }

    /** Any open or failed task becomes working: a (re)start of its execution. */
    AgentTask markWorking(UUID id) {
        return jdbc.sql("""
                        UPDATE agent_tasks SET status = 'working', started_at = now(), completed_at = NULL,
                            outcome = NULL, result = NULL, error = NULL, duration_ms = NULL, %s
                        WHERE id = :id
                        RETURNING %s
                        """.formatted(TOUCH, COLUMNS))
                .param("id", id)
                .query(AgentTasks::map)
                .single();
    }

    AgentTask finish(UUID id, AgentTaskStatus status, AgentResult result) {
        return jdbc.sql("""
                        UPDATE agent_tasks SET status = :status, outcome = :outcome, result = CAST(:result AS JSONB),
                            error = :error, input_tokens = input_tokens + :in, output_tokens = output_tokens + :out,
                            duration_ms = :duration, completed_at = now(), %s
                        WHERE id = :id
                        RETURNING %s
                        """.formatted(TOUCH, COLUMNS))
                .param("id", id)
                .param("status", status.value())
                .param("outcome", result.status().value())
                .param("result", result.data() == null ? null : JSON.writeValueAsString(result.data()))
                .param("error", result.error())
                .param("in", result.metrics().inputTokens())
                .param("out", result.metrics().outputTokens())
                .param("duration", result.metrics().durationMs())
                .query(AgentTasks::map)
                .single();
    }

    /** Ends the task without an agent result (cancelled, or failed for a reason outside the agent). */
    AgentTask end(UUID id, AgentTaskStatus status, @Nullable String error) {
        return jdbc.sql("""
                        UPDATE agent_tasks SET status = :status, error = coalesce(:error, error),
                            completed_at = now(),
                            duration_ms = CASE WHEN started_at IS NULL THEN NULL
                                ELSE (extract(epoch FROM now() - started_at) * 1000)::BIGINT END,
                            %s
                        WHERE id = :id
                        RETURNING %s
                        """.formatted(TOUCH, COLUMNS))
                .param("id", id)
                .param("status", status.value())
                .param("error", error)
                .query(AgentTasks::map)
                .single();
    }

    AgentTask completeManually(UUID id, JsonNode result) {
        return jdbc.sql("""
                        UPDATE agent_tasks SET status = 'completed', outcome = 'success', result = CAST(:result AS JSONB),
                            completed_at = now(),
                            duration_ms = CASE WHEN started_at IS NULL THEN NULL
                                ELSE (extract(epoch FROM now() - started_at) * 1000)::BIGINT END,
                            %s
                        WHERE id = :id
                        RETURNING %s
                        """.formatted(TOUCH, COLUMNS))
                .param("id", id)
                .param("result", JSON.writeValueAsString(result))
                .query(AgentTasks::map)
                .single();
    }

    /** Back to submitted for another run, counting the retry; links a new job when given. */
    AgentTask resubmit(UUID id, AgentTask.Execution execution, @Nullable UUID aiJobId) {
        return jdbc.sql("""
                        UPDATE agent_tasks SET status = 'submitted', retry_count = retry_count + 1,
                            execution = :execution, ai_job_id = coalesce(:job, ai_job_id),
                            outcome = NULL, result = NULL, error = NULL, started_at = NULL, completed_at = NULL,
                            duration_ms = NULL, %s
                        WHERE id = :id
                        RETURNING %s
                        """.formatted(TOUCH, COLUMNS))
                .param("id", id)
                .param("execution", execution.value())
                .param("job", aiJobId)
                .query(AgentTasks::map)
                .single();
    }

    /** The mirror's issue; not a change of the task (its version and updated_at stay). */
    boolean linkIssue(UUID id, String issueUrl) {
        return jdbc.sql("UPDATE agent_tasks SET issue_url = :url WHERE id = :id")
                        .param("id", id)
                        .param("url", issueUrl)
                        .update()
                > 0;
    }

    AgentTask linkJob(UUID id, UUID jobId) {
        return jdbc.sql("""
                        UPDATE agent_tasks SET ai_job_id = :job, %s WHERE id = :id RETURNING %s
                        """.formatted(TOUCH, COLUMNS))
                .param("id", id)
                .param("job", jobId)
                .query(AgentTasks::map)
                .single();
    }

    List<AgentTask> page(@Nullable AgentTaskStatus status, @Nullable AgentType agent, PageQuery page) {
        String order = SORTABLE.get(page.sortField()) + " " + page.direction() + ", id " + page.direction();
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_tasks WHERE " + FILTER + " ORDER BY " + order
                        + " LIMIT :limit OFFSET :offset")
                .param("status", status == null ? null : status.value())
                .param("agent", agent == null ? null : agent.value())
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(AgentTasks::map)
                .list();
    }

    long count(@Nullable AgentTaskStatus status, @Nullable AgentType agent) {
        return jdbc.sql("SELECT count(*) FROM agent_tasks WHERE " + FILTER)
                .param("status", status == null ? null : status.value())
                .param("agent", agent == null ? null : agent.value())
                .query(Long.class)
                .single();
    }

    private static final String FILTER = """
            (CAST(:status AS TEXT) IS NULL OR status = :status)
            AND (CAST(:agent AS TEXT) IS NULL OR agent_type = :agent)
            """;

    /** Per agent (all five present): tasks in each status and the durations of completed ones. */
    Map<AgentType, AgentTaskCounts> taskCounts() {
        Map<AgentType, Map<AgentTaskStatus, Long>> byStatus = new EnumMap<>(AgentType.class);
        Map<AgentType, long[]> durations = new EnumMap<>(AgentType.class);
        jdbc.sql("""
                        SELECT agent_type, status, count(*) AS tasks,
                            coalesce(sum(duration_ms), 0) AS duration_ms, count(duration_ms) AS with_duration
                        FROM agent_tasks GROUP BY agent_type, status
                        """).query(rs -> {
            AgentType type = AgentType.parse(rs.getString("agent_type")).orElse(null);
            AgentTaskStatus status =
                    AgentTaskStatus.parse(rs.getString("status")).orElse(null);
            if (type == null || status == null) {
                return;
            }
            byStatus.computeIfAbsent(type, t -> new EnumMap<>(AgentTaskStatus.class))
                    .put(status, rs.getLong("tasks"));
            if (status == AgentTaskStatus.COMPLETED) {
                durations.put(type, new long[] {rs.getLong("duration_ms"), rs.getLong("with_duration")});
            }
        });
        Map<AgentType, AgentTaskCounts> counts = new EnumMap<>(AgentType.class);
        for (AgentType type : AgentType.values()) {
            long[] duration = durations.getOrDefault(type, new long[2]);
            counts.put(type, new AgentTaskCounts(byStatus.getOrDefault(type, Map.of()), duration[0], duration[1]));
        }
        return counts;
    }

    /** Open tasks in serving order (priority, then age), read from {@code idx_agent_tasks_queue}. */
    List<AgentTask> queue(int limit) {
        return jdbc.sql("""
                        SELECT %s FROM agent_tasks WHERE status IN ('submitted', 'working')
                        ORDER BY priority DESC, created_at, id
                        LIMIT :limit
                        """.formatted(COLUMNS))
                .param("limit", limit)
                .query(AgentTasks::map)
                .list();
    }

    static AgentTask map(ResultSet rs, int row) throws SQLException {
        String outcome = rs.getString("outcome");
        String result = rs.getString("result");
        long duration = rs.getLong("duration_ms");
        Long durationMs = rs.wasNull() ? null : duration;
        return new AgentTask(
                rs.getObject("id", UUID.class),
                rs.getString("title"),
                AgentType.parse(rs.getString("agent_type")).orElseThrow(),
                AgentTaskStatus.parse(rs.getString("status")).orElseThrow(),
                AgentTask.Execution.valueOf(rs.getString("execution").toUpperCase(Locale.ROOT)),
                rs.getInt("priority"),
                rs.getInt("retry_count"),
                rs.getString("resource_type"),
                rs.getString("resource_id"),
                rs.getObject("ai_job_id", UUID.class),
                rs.getString("issue_url"),
                JSON.readTree(rs.getString("input")),
                outcome == null
                        ? null
                        : Arrays.stream(AgentResult.Status.values())
                                .filter(s -> s.value().equals(outcome))
                                .findFirst()
                                .orElseThrow(),
                result == null ? null : JSON.readTree(result),
                rs.getString("error"),
                rs.getLong("input_tokens"),
                rs.getLong("output_tokens"),
                durationMs,
                instant(rs, "started_at"),
                instant(rs, "completed_at"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getLong("version"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
