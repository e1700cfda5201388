package dev.miyabi.platform.approvals.internal;

import dev.miyabi.platform.approvals.ApprovalDecision;
import dev.miyabi.platform.approvals.ApprovalMode;
import dev.miyabi.platform.approvals.ApprovalOrder;
import dev.miyabi.platform.approvals.ApprovalRequest;
import dev.miyabi.platform.approvals.ApprovalStatus;
import dev.miyabi.platform.approvals.AuditEntry;
import dev.miyabi.platform.approvals.Decision;
import dev.miyabi.platform.approvals.StageStatus;
import dev.miyabi.platform.approvals.TimeoutAction;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.shared.Actor;
import dev.miyabi.platform.shared.DomainConflict;
import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.Money;
import dev.miyabi.platform.shared.PageQuery;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code approval_requests}, {@code approval_stages}, {@code approval_decisions} and {@code
 * approval_audit} tables. Changes load the request with {@code SELECT … FOR UPDATE}, so decisions on one
 * request take turns; decisions and audit entries are only ever inserted.
 */
@Repository
class ApprovalRequests {

    private static final String COLUMNS = """
            r.id, r.resource_type, r.resource_id, r.requester_id, r.requester_name, r.requester_email, r.product_id,
            r.product_name, r.quantity, r.input::text AS input, r.policy_id, r.policy_name, r.amount, r.currency,
            r.category, r.status, r.current_stage, r.round, r.version, r.created_at, r.updated_at, r.decided_at""";

    /** Who sees which requests in a listing. */
    record Filter(
            @Nullable ApprovalStatus status,
            @Nullable UUID assignedTo,
            @Nullable UUID askedOf,
            @Nullable UUID visibleTo,
            @Nullable UUID requesterId,
            @Nullable UUID resourceId) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ApprovalRequests(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    private @Nullable String inputText(ApprovalOrder order) {
        return order.input() == null ? null : json.writeValueAsString(order.input());
    }

    void insert(Approval approval) {
        ApprovalOrder order = approval.order();
        jdbc.sql("""
                        INSERT INTO approval_requests (id, resource_type, resource_id, requester_id, requester_name,
                            requester_email, product_id, product_name, quantity, input, policy_id, policy_name,
                            amount, currency, category, status, current_stage, round, version, created_at, updated_at,
                            decided_at)
                        VALUES (:id, :resourceType, :resourceId, :requesterId, :requesterName, :requesterEmail, :productId,
                            :productName, :quantity, CAST(:input AS JSONB), :policyId, :policyName, :amount, :currency,
                            :category, :status, :currentStage, :round, :version, :createdAt, :updatedAt, :decidedAt)
                        """)
                .param("id", approval.id())
                .param("resourceType", approval.resourceType())
                .param("resourceId", approval.resourceId())
                .param("requesterId", approval.requesterId())
                .param("requesterName", approval.requesterName())
                .param("requesterEmail", approval.requesterEmail())
                .param("productId", order == null ? null : order.productId())
                .param("productName", order == null ? null : order.productName())
                .param("quantity", order == null ? null : order.quantity())
                .param("input", order == null ? null : inputText(order))
                .param("policyId", approval.policyId())
                .param("policyName", approval.policyName())
                .param("amount", approval.amount().amount())
                .param("currency", approval.amount().currency())
                .param("category", approval.category())
                .param("status", approval.status().value())
                .param("currentStage", approval.currentStage())
                .param("round", approval.round())
                .param("version", approval.version())
                .param("createdAt", Timestamp.from(approval.createdAt()))
                .param("updatedAt", Timestamp.from(approval.updatedAt()))
                .param("decidedAt", timestamp(approval.decidedAt()))
                .update();
        for (Approval.Stage stage : approval.stages()) {
            jdbc.sql("""
                            INSERT INTO approval_stages (request_id, idx, name, mode, approver_role, approver_ids,
                                timeout_hours, on_timeout, status, approvers, escalated, started_at, due_at, decided_at)
                            VALUES (:requestId, :idx, :name, :mode, :role, :approverIds, :timeoutHours, :onTimeout,
                                :status, :approvers, :escalated, :startedAt, :dueAt, :decidedAt)
                            """)
                    .param("requestId", approval.id())
                    .param("idx", stage.index)
                    .param("name", stage.name)
                    .param("mode", stage.mode.value())
                    .param("role", stage.approverRole == null ? null : stage.approverRole.value())
                    .param("approverIds", stage.approverIds.toArray(UUID[]::new))
                    .param("timeoutHours", stage.timeoutHours)
                    .param("onTimeout", stage.onTimeout.value())
                    .param("status", stage.status.value())
                    .param("approvers", stage.approvers.toArray(UUID[]::new))
                    .param("escalated", stage.escalated)
                    .param("startedAt", timestamp(stage.startedAt))
                    .param("dueAt", timestamp(stage.dueAt))
                    .param("decidedAt", timestamp(stage.decidedAt))
                    .update();
        }
        appendNew(approval);
    }

    /** Stores the request's changes; the row must still be at the version it was loaded with. */
    void save(Approval approval) {
        int updated = jdbc.sql("""
                        UPDATE approval_requests SET status = :status, current_stage = :currentStage, round = :round,
                            version = :version, updated_at = :updatedAt, decided_at = :decidedAt,
                            input = CAST(:input AS JSONB)
                        WHERE id = :id AND version = :savedVersion
                        """)
                .param("id", approval.id())
                .param("input", approval.order() == null ? null : inputText(approval.order()))
                .param("status", approval.status().value())
                .param("currentStage", approval.currentStage())
                .param("round", approval.round())
                .param("version", approval.version())
                .param("updatedAt", Timestamp.from(approval.updatedAt()))
                .param("decidedAt", timestamp(approval.decidedAt()))
                .param("savedVersion", approval.savedVersion())
                .update();
        if (updated != 1) {
            throw new DomainConflict(
                    ErrorCodes.VERSION_CONFLICT, "The approval request was changed concurrently; try again", Map.of());
        }
        for (Approval.Stage stage : approval.stages()) {
            jdbc.sql("""
                            UPDATE approval_stages SET status = :status, approvers = :approvers, escalated = :escalated,
                                started_at = :startedAt, due_at = :dueAt, decided_at = :decidedAt
                            WHERE request_id = :requestId AND idx = :idx
                            """)
                    .param("requestId", approval.id())
                    .param("idx", stage.index)
                    .param("status", stage.status.value())
                    .param("approvers", stage.approvers.toArray(UUID[]::new))
                    .param("escalated", stage.escalated)
                    .param("startedAt", timestamp(stage.startedAt))
                    .param("dueAt", timestamp(stage.dueAt))
                    .param("decidedAt", timestamp(stage.decidedAt))
                    .update();
        }
        appendNew(approval);
    }

    private void appendNew(Approval approval) {
        for (Approval.DecisionRow row : approval.unsavedDecisions()) {
            ApprovalDecision d = row.decision();
            jdbc.sql("""
                            INSERT INTO approval_decisions (id, request_id, round, stage_idx, approver_id, approver_name,
                                decision, comment, at)
                            VALUES (:id, :requestId, :round, :stage, :approverId, :approverName, :decision, :comment, :at)
                            """)
                    .param("id", row.id())
                    .param("requestId", approval.id())
                    .param("round", row.round())
                    .param("stage", row.stage())
                    .param("approverId", d.approverId())
                    .param("approverName", d.approverName())
                    .param("decision", d.decision().value())
                    .param("comment", d.comment())
                    .param("at", Timestamp.from(d.at()))
                    .update();
        }
        for (AuditEntry entry : approval.unsavedAudit()) {
            jdbc.sql("""
                            INSERT INTO approval_audit (request_id, at, actor_type, actor_id, actor_name, action,
                                from_status, to_status, stage_idx, round, detail)
                            VALUES (:requestId, :at, :actorType, :actorId, :actorName, :action, :from, :to, :stage, :round,
                                :detail)
                            """)
                    .param("requestId", approval.id())
                    .param("at", Timestamp.from(entry.at()))
                    .param("actorType", entry.actor().type().value())
                    .param("actorId", entry.actor().id())
                    .param("actorName", entry.actor().name())
                    .param("action", entry.action())
                    .param(
                            "from",
                            entry.fromStatus() == null
                                    ? null
                                    : entry.fromStatus().value())
                    .param("to", entry.toStatus().value())
                    .param("stage", entry.stage())
                    .param("round", entry.round())
                    .param("detail", entry.detail())
                    .update();
        }
    }

    Optional<Approval> lock(UUID id) {
        return load("SELECT " + COLUMNS + " FROM approval_requests r WHERE r.id = :id FOR UPDATE", Map.of("id", id));
    }

    Optional<Approval> find(UUID id) {
        return load("SELECT " + COLUMNS + " FROM approval_requests r WHERE r.id = :id", Map.of("id", id));
    }

    Optional<Approval> lockForResource(String resourceType, UUID resourceId) {
        return load(
                "SELECT " + COLUMNS
                        + " FROM approval_requests r WHERE r.resource_type = :type AND r.resource_id = :resourceId"
                        + " FOR UPDATE",
                Map.of("type", resourceType, "resourceId", resourceId));
    }

    Optional<Approval> findForResource(String resourceType, UUID resourceId) {
        return load(
                "SELECT " + COLUMNS
                        + " FROM approval_requests r WHERE r.resource_type = :type AND r.resource_id = :resourceId",
                Map.of("type", resourceType, "resourceId", resourceId));
    }

    /** Requests by status, every status present (zero included). */
    Map<ApprovalStatus, Long> countByStatus() {
        Map<ApprovalStatus, Long> counts = new EnumMap<>(ApprovalStatus.class);
        for (ApprovalStatus status : ApprovalStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, count(*) FROM approval_requests GROUP BY status")
                .query(rs -> {
                    long count = rs.getLong(2);
                    ApprovalStatus.parse(rs.getString(1)).ifPresent(status -> counts.put(status, count));
                });
        return counts;
    }

    /** Requests whose current stage is past its due time, earliest first. */
    List<UUID> due(int limit) {
        return jdbc.sql("""
                        SELECT r.id FROM approval_requests r
                        JOIN approval_stages s ON s.request_id = r.id AND s.idx = r.current_stage
                        WHERE r.status = 'pending' AND s.status = 'pending' AND s.due_at <= now()
                        ORDER BY s.due_at LIMIT :limit
                        """).param("limit", limit).query(UUID.class).list();
    }

    /**
     * Locks the request when its current stage is (still) past due; empty when it is not, or another
     * instance holds it right now (so two instances never handle one timeout).
     */
    boolean lockIfDue(UUID id) {
        return jdbc.sql("""
                        SELECT r.id FROM approval_requests r
                        JOIN approval_stages s ON s.request_id = r.id AND s.idx = r.current_stage
                        WHERE r.id = :id AND r.status = 'pending' AND s.status = 'pending' AND s.due_at <= now()
                        FOR UPDATE OF r SKIP LOCKED
                        """).param("id", id).query(UUID.class).optional().isPresent();
    }

    /**
     * The current stage of a pending request as the hand-over check needs it: the role a decider must
     * hold (the admin role once escalated; null for named users) and whom it asks who has not decided.
     */
    record OpenStage(UUID requestId, @Nullable Role requiredRole, List<UUID> undecided) {}

    /**
     * Pending requests after {@code after} (by id) whose current stage needs a role or asks no one — the
     * ones whose deciders can go away — for the timeout check to find stages no one may decide.
     */
    List<OpenStage> openStagesAfter(UUID after, int limit) {
        return jdbc.sql("""
                        SELECT r.id, CASE WHEN s.escalated THEN 'admin' ELSE s.approver_role END AS role,
                            ARRAY(SELECT a FROM unnest(s.approvers) a WHERE NOT EXISTS (
                                SELECT 1 FROM approval_decisions d WHERE d.request_id = r.id AND d.round = r.round
                                AND d.stage_idx = s.idx AND d.approver_id = a)) AS undecided
                        FROM approval_requests r
                        JOIN approval_stages s ON s.request_id = r.id AND s.idx = r.current_stage
                        WHERE r.status = 'pending' AND s.status = 'pending' AND r.id > :after
                          AND (s.escalated OR s.approver_role IS NOT NULL OR cardinality(s.approvers) = 0)
                        ORDER BY r.id LIMIT :limit
                        """)
                .param("after", after)
                .param("limit", limit)
                .query((rs, row) -> new OpenStage(
                        rs.getObject("id", UUID.class),
                        Role.parse(rs.getString("role") == null ? "" : rs.getString("role"))
                                .orElse(null),
                        uuids(rs.getArray("undecided"))))
                .list();
    }

    /** Locks a pending request, unless another transaction holds it right now (empty then, or when it is not pending). */
    boolean lockIfPending(UUID id) {
        return jdbc.sql("""
                        SELECT r.id FROM approval_requests r WHERE r.id = :id AND r.status = 'pending'
                        FOR UPDATE SKIP LOCKED
                        """).param("id", id).query(UUID.class).optional().isPresent();
    }

    /** A page of requests (without audit trails: two queries for the page, its stages and decisions). */
    List<ApprovalRequest> page(Filter filter, PageQuery page) {
        Map.Entry<String, Map<String, Object>> where = where(filter);
        Map<String, Object> params = new LinkedHashMap<>(where.getValue());
        params.put("limit", page.size());
        params.put("offset", page.offset());
        String order = page.ascending() ? "r.created_at ASC, r.id ASC" : "r.created_at DESC, r.id DESC";
        List<Head> heads = jdbc.sql("SELECT " + COLUMNS + " FROM approval_requests r" + where.getKey() + " ORDER BY "
                        + order + " LIMIT :limit OFFSET :offset")
                .params(params)
                .query(this::head)
                .list();
        if (heads.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = heads.stream().map(Head::id).toList();
        Map<UUID, List<Approval.Stage>> stages = stagesOf(ids);
        Map<UUID, List<Approval.DecisionRow>> decisions = decisionsOf(ids);
        return heads.stream()
                .map(head -> head.restore(
                                stages.getOrDefault(head.id(), List.of()),
                                decisions.getOrDefault(head.id(), List.of()),
                                List.of())
                        .view(false))
                .toList();
    }

    long count(Filter filter) {
        Map.Entry<String, Map<String, Object>> where = where(filter);
        return jdbc.sql("SELECT count(*) FROM approval_requests r" + where.getKey())
                .params(where.getValue())
                .query(Long.class)
                .single();
    }

    private static Map.Entry<String, Map<String, Object>> where(Filter filter) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.status() != null) {
            conditions.add("r.status = :status");
            params.put("status", filter.status().value());
        }
        if (filter.requesterId() != null) {
            conditions.add("r.requester_id = :requesterId");
            params.put("requesterId", filter.requesterId());
        }
        if (filter.resourceId() != null) {
            conditions.add("r.resource_id = :resourceId");
            params.put("resourceId", filter.resourceId());
        }
        if (filter.assignedTo() != null) {
            // Pending: awaiting my decision in the current stage. Otherwise: I was an approver of it.
            conditions.add("""
                    EXISTS (SELECT 1 FROM approval_stages s WHERE s.request_id = r.id
                            AND s.approvers @> ARRAY[CAST(:assignedTo AS UUID)]
                            AND (r.status <> 'pending' OR (s.idx = r.current_stage AND NOT EXISTS (
                                SELECT 1 FROM approval_decisions d WHERE d.request_id = r.id AND d.round = r.round
                                AND d.stage_idx = s.idx AND d.approver_id = CAST(:assignedTo AS UUID)))))""");
            params.put("assignedTo", filter.assignedTo());
        }
        if (filter.askedOf() != null) {
            // Asked in some stage (any round), or decided by me: what an approver has had a hand in.
            conditions.add("""
                    (EXISTS (SELECT 1 FROM approval_stages s WHERE s.request_id = r.id
                             AND s.approvers @> ARRAY[CAST(:askedOf AS UUID)])
                     OR EXISTS (SELECT 1 FROM approval_decisions d WHERE d.request_id = r.id
                                AND d.approver_id = CAST(:askedOf AS UUID)))""");
            params.put("askedOf", filter.askedOf());
        }
        if (filter.visibleTo() != null) {
            conditions.add("""
                    (r.requester_id = CAST(:visibleTo AS UUID)
                     OR EXISTS (SELECT 1 FROM approval_stages s WHERE s.request_id = r.id
                                AND (s.approvers @> ARRAY[CAST(:visibleTo AS UUID)]
                                     OR s.approver_ids @> ARRAY[CAST(:visibleTo AS UUID)]))
                     OR EXISTS (SELECT 1 FROM approval_decisions d WHERE d.request_id = r.id
                                AND d.approver_id = CAST(:visibleTo AS UUID)))""");
            params.put("visibleTo", filter.visibleTo());
        }
        return Map.entry(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
    }

    // ---- loading ------------------------------------------------------------------------------

    /** A request row without its stages, decisions and audit trail. */
    private record Head(
            UUID id,
            String resourceType,
            UUID resourceId,
            UUID requesterId,
            @Nullable String requesterName,
            @Nullable String requesterEmail,
            @Nullable ApprovalOrder order,
            UUID policyId,
            String policyName,
            Money amount,
            @Nullable String category,
            ApprovalStatus status,
            @Nullable Integer currentStage,
            int round,
            long version,
            Instant createdAt,
            Instant updatedAt,
            @Nullable Instant decidedAt) {

        Approval restore(List<Approval.Stage> stages, List<Approval.DecisionRow> decisions, List<AuditEntry> audit) {
            return Approval.restore(
                    id,
                    resourceType,
                    resourceId,
                    requesterId,
                    requesterName,
                    requesterEmail,
                    order,
                    policyId,
                    policyName,
                    amount,
                    category,
                    status,
                    currentStage,
                    round,
                    version,
                    createdAt,
                    updatedAt,
                    decidedAt,
                    stages,
                    decisions,
                    audit);
        }
    }

    private Optional<Approval> load(String sql, Map<String, Object> params) {
        return jdbc.sql(sql)
                .params(params)
                .query(this::head)
                .optional()
                .map(head -> head.restore(
                        stagesOf(List.of(head.id())).getOrDefault(head.id(), List.of()),
                        decisionsOf(List.of(head.id())).getOrDefault(head.id(), List.of()),
                        auditOf(head.id())));
    }

    private Map<UUID, List<Approval.Stage>> stagesOf(List<UUID> ids) {
        Map<UUID, List<Approval.Stage>> stages = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT request_id, idx, name, mode, approver_role, approver_ids, timeout_hours, on_timeout, status,
                               approvers, escalated, started_at, due_at, decided_at
                        FROM approval_stages WHERE request_id IN (:ids) ORDER BY request_id, idx
                        """).param("ids", ids).query(rs -> {
            String role = rs.getString("approver_role");
            stages.computeIfAbsent(rs.getObject("request_id", UUID.class), k -> new ArrayList<>())
                    .add(new Approval.Stage(
                            rs.getInt("idx"),
                            rs.getString("name"),
                            ApprovalMode.parse(rs.getString("mode")).orElseThrow(),
                            role == null ? null : Role.parse(role).orElseThrow(),
                            uuids(rs.getArray("approver_ids")),
                            rs.getObject("timeout_hours", Integer.class),
                            TimeoutAction.parse(rs.getString("on_timeout")).orElseThrow(),
                            StageStatus.parse(rs.getString("status")).orElseThrow(),
                            uuids(rs.getArray("approvers")),
                            rs.getBoolean("escalated"),
                            instant(rs, "started_at"),
                            instant(rs, "due_at"),
                            instant(rs, "decided_at")));
        });
        return stages;
    }

    private Map<UUID, List<Approval.DecisionRow>> decisionsOf(List<UUID> ids) {
        Map<UUID, List<Approval.DecisionRow>> decisions = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT id, request_id, round, stage_idx, approver_id, approver_name, decision, comment, at
                        FROM approval_decisions WHERE request_id IN (:ids) ORDER BY request_id, at, id
                        """).param("ids", ids).query(rs -> {
            decisions
                    .computeIfAbsent(rs.getObject("request_id", UUID.class), k -> new ArrayList<>())
                    .add(new Approval.DecisionRow(
                            rs.getObject("id", UUID.class),
                            rs.getInt("round"),
                            rs.getInt("stage_idx"),
                            new ApprovalDecision(
                                    rs.getObject("approver_id", UUID.class),
                                    rs.getString("approver_name"),
                                    Decision.parse(rs.getString("decision")).orElseThrow(),
                                    rs.getString("comment"),
                                    rs.getTimestamp("at").toInstant())));
        });
        return decisions;
    }

    private List<AuditEntry> auditOf(UUID id) {
        return jdbc.sql("""
                        SELECT at, actor_type, actor_id, actor_name, action, from_status, to_status, stage_idx, round, detail
                        FROM approval_audit WHERE request_id = :id ORDER BY id
                        """)
                .param("id", id)
                .query((rs, n) -> {
                    String from = rs.getString("from_status");
                    return new AuditEntry(
                            rs.getTimestamp("at").toInstant(),
                            new Actor(
                                    Actor.Type.valueOf(
                                            rs.getString("actor_type").toUpperCase(Locale.ROOT)),
                                    rs.getString("actor_id"),
                                    rs.getString("actor_name")),
                            rs.getString("action"),
                            from == null ? null : ApprovalStatus.parse(from).orElseThrow(),
                            ApprovalStatus.parse(rs.getString("to_status")).orElseThrow(),
                            rs.getObject("stage_idx", Integer.class),
                            rs.getInt("round"),
                            rs.getString("detail"));
                })
                .list();
    }

    private Head head(ResultSet rs, int n) throws SQLException {
        UUID productId = rs.getObject("product_id", UUID.class);
        String input = rs.getString("input");
        return new Head(
                rs.getObject("id", UUID.class),
                rs.getString("resource_type"),
                rs.getObject("resource_id", UUID.class),
                rs.getObject("requester_id", UUID.class),
                rs.getString("requester_name"),
                rs.getString("requester_email"),
                productId == null
                        ? null
                        : new ApprovalOrder(
                                productId,
                                rs.getString("product_name"),
                                rs.getInt("quantity"),
                                input == null ? null : json.readTree(input)),
                rs.getObject("policy_id", UUID.class),
                rs.getString("policy_name"),
                new Money(rs.getBigDecimal("amount"), rs.getString("currency")),
                rs.getString("category"),
                ApprovalStatus.parse(rs.getString("status")).orElseThrow(),
                rs.getObject("current_stage", Integer.class),
                rs.getInt("round"),
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                instant(rs, "decided_at"));
    }

    private static List<UUID> uuids(@Nullable Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values)
                .map(v -> v instanceof UUID u ? u : UUID.fromString(v.toString()))
                .toList();
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
