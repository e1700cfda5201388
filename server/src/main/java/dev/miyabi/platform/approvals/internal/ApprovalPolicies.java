package dev.miyabi.platform.approvals.internal;

import dev.miyabi.platform.approvals.ApprovalPolicy;
import dev.miyabi.platform.shared.PageQuery;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code approval_policies} table. A deleted policy is kept (requests refer to it) but hidden. */
@Repository
class ApprovalPolicies {

    private static final String COLUMNS = """
            id, name, active, priority, resource_type, min_amount, currency, categories, stages::text AS stages,
            version, created_at, updated_at""";
    private static final TypeReference<List<ApprovalPolicy.Stage>> STAGES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ApprovalPolicies(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(ApprovalPolicy policy) {
        jdbc.sql("""
                        INSERT INTO approval_policies (id, name, active, priority, resource_type, min_amount, currency,
                            categories, stages, version, created_at, updated_at)
                        VALUES (:id, :name, :active, :priority, :resourceType, :minAmount, :currency, :categories,
                            CAST(:stages AS JSONB), :version, :createdAt, :createdAt)
                        """)
                .param("id", policy.id())
                .param("name", policy.name())
                .param("active", policy.active())
                .param("priority", policy.priority())
                .param("resourceType", policy.appliesTo().resourceType())
                .param("minAmount", policy.appliesTo().minAmount())
                .param("currency", policy.appliesTo().currency())
                .param("categories", policy.appliesTo().categories().toArray(String[]::new))
                .param("stages", json.writeValueAsString(policy.stages()))
                .param("version", policy.version())
                .param("createdAt", Timestamp.from(policy.createdAt()))
                .update();
    }

    /** Replaces a live policy at {@code expectedVersion} (any version when null); empty when stale or gone. */
    Optional<ApprovalPolicy> replace(ApprovalPolicy policy, @Nullable Long expectedVersion) {
        return jdbc.sql("UPDATE approval_policies SET name = :name, active = :active, priority = :priority,"
                        + " resource_type = :resourceType, min_amount = :minAmount, currency = :currency,"
                        + " categories = :categories, stages = CAST(:stages AS JSONB), version = version + 1,"
                        + " updated_at = :updatedAt"
                        + " WHERE id = :id AND deleted_at IS NULL"
                        + " AND (CAST(:expected AS BIGINT) IS NULL OR version = CAST(:expected AS BIGINT))"
                        + " RETURNING " + COLUMNS)
                .param("id", policy.id())
                .param("name", policy.name())
                .param("active", policy.active())
                .param("priority", policy.priority())
                .param("resourceType", policy.appliesTo().resourceType())
                .param("minAmount", policy.appliesTo().minAmount())
                .param("currency", policy.appliesTo().currency())
                .param("categories", policy.appliesTo().categories().toArray(String[]::new))
                .param("stages", json.writeValueAsString(policy.stages()))
                .param("updatedAt", Timestamp.from(policy.updatedAt()))
                .param("expected", expectedVersion)
                .query(this::row)
                .optional();
    }

    Optional<ApprovalPolicy> delete(UUID id, java.time.Instant now) {
        return jdbc.sql("UPDATE approval_policies SET active = false, deleted_at = :now, version = version + 1,"
                        + " updated_at = :now WHERE id = :id AND deleted_at IS NULL RETURNING " + COLUMNS)
                .param("id", id)
                .param("now", Timestamp.from(now))
                .query(this::row)
                .optional();
    }

    /** Any policy, deleted or not; {@code deleted} tells which. */
    boolean exists(UUID id) {
        return jdbc.sql("SELECT count(*) FROM approval_policies WHERE id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<ApprovalPolicy> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM approval_policies WHERE id = :id AND deleted_at IS NULL")
                .param("id", id)
                .query(this::row)
                .optional();
    }

    /** Including deleted ones (a request opened under a policy keeps pointing at it). */
    Optional<ApprovalPolicy> findAny(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM approval_policies WHERE id = :id")
                .param("id", id)
                .query(this::row)
                .optional();
    }

    /**
     * Active policies for orders that apply to this total, currency and category, the winner first
     * (priority, then the highest minimum, then the oldest).
     */
    List<ApprovalPolicy> matching(BigDecimal total, String currency, String category) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM approval_policies
                        WHERE active AND deleted_at IS NULL AND resource_type = 'order' AND min_amount <= :total
                          AND (currency IS NULL OR currency = :currency)
                          AND (cardinality(categories) = 0 OR categories @> ARRAY[CAST(:category AS VARCHAR(50))])
                        ORDER BY priority DESC, min_amount DESC, created_at, id
                        """)
                .param("total", total)
                .param("currency", currency)
                .param("category", category)
                .query(this::row)
                .list();
    }

    List<ApprovalPolicy> page(@Nullable Boolean active, PageQuery page) {
        String order = page.ascending() ? "created_at ASC, id ASC" : "created_at DESC, id DESC";
        return jdbc.sql("SELECT " + COLUMNS + " FROM approval_policies WHERE deleted_at IS NULL"
                        + " AND (CAST(:active AS BOOLEAN) IS NULL OR active = CAST(:active AS BOOLEAN))"
                        + " ORDER BY " + order + " LIMIT :limit OFFSET :offset")
                .param("active", active)
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(this::row)
                .list();
    }

    long count(@Nullable Boolean active) {
        return jdbc.sql("SELECT count(*) FROM approval_policies WHERE deleted_at IS NULL"
                        + " AND (CAST(:active AS BOOLEAN) IS NULL OR active = CAST(:active AS BOOLEAN))")
                .param("active", active)
                .query(Long.class)
                .single();
    }

    private ApprovalPolicy row(ResultSet rs, int n) throws SQLException {
        String[] categories = (String[]) rs.getArray("categories").getArray();
        return new ApprovalPolicy(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getBoolean("active"),
                rs.getInt("priority"),
                new ApprovalPolicy.AppliesTo(
                        rs.getString("resource_type"),
                        rs.getBigDecimal("min_amount"),
                        rs.getString("currency"),
                        Arrays.asList(categories)),
                json.readValue(rs.getString("stages"), STAGES),
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
