package dev.miyabi.platform.orders.internal;

import dev.miyabi.platform.catalog.ProductCategory;
import dev.miyabi.platform.orders.OrderHourlyCounts;
import dev.miyabi.platform.orders.OrderSnapshot;
import dev.miyabi.platform.orders.OrderStatus;
import dev.miyabi.platform.orders.TimelineEntry;
import dev.miyabi.platform.orders.TimelineNote;
import dev.miyabi.platform.shared.Actor;
import dev.miyabi.platform.shared.DomainConflict;
import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.Money;
import dev.miyabi.platform.shared.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code orders} and {@code order_timeline} tables. Transitions load the order with {@code
 * SELECT … FOR UPDATE}, so concurrent changes to one order run one after the other and each sees
 * the status the previous one left; the update also checks the version it read.
 */
@Repository
class OrderRepository {

    private static final String COLUMNS = """
            id, user_id, product_id, product_name, category, quantity, unit_price, currency, total_amount, status,
            input::text AS input, approval_id, payment_id, ai_job_id, version, created_at, updated_at, completed_at""";

    private final JdbcClient jdbc;
    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {};

    private final JsonMapper json;

    OrderRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Order order) {
        OrderSnapshot o = order.snapshot();
        jdbc.sql("""
                        INSERT INTO orders (id, user_id, product_id, product_name, category, quantity, unit_price,
                            currency, total_amount, status, input, version, created_at, updated_at)
                        VALUES (:id, :userId, :productId, :productName, :category, :quantity, :unitPrice, :currency,
                            :total, :status, CAST(:input AS JSONB), :version, :createdAt, :updatedAt)
                        """)
                .param("id", o.id())
                .param("userId", o.userId())
                .param("productId", o.productId())
                .param("productName", o.productName())
                .param("category", o.category().value())
                .param("quantity", o.quantity())
                .param("unitPrice", o.unitPrice().amount())
                .param("currency", o.unitPrice().currency())
                .param("total", o.total().amount())
                .param("status", o.status().value())
                .param("input", o.input() == null ? null : json.writeValueAsString(o.input()))
                .param("version", o.version())
                .param("createdAt", Timestamp.from(o.createdAt()))
                .param("updatedAt", Timestamp.from(o.updatedAt()))
                .update();
        insertEntries(o.id(), order.unsavedEntries());
        order.saved();
    }

    /** Stores the order's changes; the row must still be at the version it was loaded with. */
    void save(Order order) {
        OrderSnapshot o = order.snapshot();
        int updated = jdbc.sql("""
                        UPDATE orders
                        SET status = :status, approval_id = :approvalId, payment_id = :paymentId, ai_job_id = :aiJobId,
                            input = CAST(:input AS JSONB), version = :version, updated_at = :updatedAt,
                            completed_at = :completedAt
                        WHERE id = :id AND version = :savedVersion
                        """)
                .param("id", o.id())
                .param("status", o.status().value())
                .param("approvalId", o.approvalId())
                .param("paymentId", o.paymentId())
                .param("aiJobId", o.aiJobId())
                .param("input", o.input() == null ? null : json.writeValueAsString(o.input()))
                .param("version", o.version())
                .param("updatedAt", Timestamp.from(o.updatedAt()))
                .param("completedAt", o.completedAt() == null ? null : Timestamp.from(o.completedAt()))
                .param("savedVersion", order.savedVersion())
                .update();
        if (updated != 1) {
            throw new DomainConflict(
                    ErrorCodes.VERSION_CONFLICT, "The order was changed concurrently; try again", Map.of());
        }
        insertEntries(o.id(), order.unsavedEntries());
        order.saved();
    }

    /** Loads the order and locks its row until the transaction ends. */
    Optional<Order> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(this::row)
                .optional()
                .map(row -> Order.restore(withTimeline(row)));
    }

    Optional<Order> lockByApproval(UUID approvalId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE approval_id = :approvalId FOR UPDATE")
                .param("approvalId", approvalId)
                .query(this::row)
                .optional()
                .map(row -> Order.restore(withTimeline(row)));
    }

    Optional<OrderSnapshot> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE id = :id")
                .param("id", id)
                .query(this::row)
                .optional()
                .map(this::withTimeline);
    }

    Optional<OrderSnapshot> findByApproval(UUID approvalId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE approval_id = :approvalId")
                .param("approvalId", approvalId)
                .query(this::row)
                .optional()
                .map(this::withTimeline);
    }

    /** A page of orders with their timelines (one query for the page, one for its timelines). */
    List<OrderSnapshot> page(OrderFilter filter, PageQuery page) {
        Map.Entry<String, Map<String, Object>> sql = pageSql(filter, page);
        List<OrderSnapshot> rows =
                jdbc.sql(sql.getKey()).params(sql.getValue()).query(this::row).list();
        if (rows.isEmpty()) {
            return rows;
        }
        Map<UUID, List<TimelineEntry>> timelines = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT order_id, status, at, actor_type, actor_id, actor_name, note, kind, params::text AS params
                        FROM order_timeline WHERE order_id IN (:ids) ORDER BY order_id, id
                        """)
                .param("ids", rows.stream().map(OrderSnapshot::id).toList())
                .query(rs -> {
                    timelines
                            .computeIfAbsent(rs.getObject("order_id", UUID.class), id -> new ArrayList<>())
                            .add(entry(rs));
                });
        return rows.stream()
                .map(row -> withTimeline(row, timelines.getOrDefault(row.id(), List.of())))
                .collect(Collectors.toList());
    }

    long count(OrderFilter filter) {
        Map.Entry<String, Map<String, Object>> where = where(filter);
        return jdbc.sql("SELECT count(*) FROM orders" + where.getKey())
                .params(where.getValue())
                .query(Long.class)
                .single();
    }

    Map<OrderStatus, Long> countByStatus() {
        Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, count(*) FROM orders GROUP BY status").query(rs -> {
            long count = rs.getLong(2);
            OrderStatus.parse(rs.getString(1)).ifPresent(status -> counts.put(status, count));
        });
        return counts;
    }

    /**
     * Placed and ended orders per hour (UTC). An order ends when it reaches a final status: at
     * {@code completed_at} when completed, else at its last change ({@code updated_at}), which is that
     * transition since final orders do not change. Both halves read an index on their timestamp
     * ({@code idx_orders_created}, {@code idx_orders_ended}).
     */
    List<OrderHourlyCounts> hourlyCounts(Instant from, Instant to) {
        return jdbc.sql("""
                        WITH created AS (
                            SELECT date_trunc('hour', created_at, 'UTC') AS hour, count(*) AS created
                            FROM orders WHERE created_at >= :from AND created_at < :to
                            GROUP BY 1),
                        ended AS (
                            SELECT date_trunc('hour', coalesce(completed_at, updated_at), 'UTC') AS hour,
                                count(*) FILTER (WHERE status = 'completed') AS completed,
                                count(*) FILTER (WHERE status = 'failed') AS failed,
                                count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
                                count(*) FILTER (WHERE status = 'rejected') AS rejected
                            FROM orders
                            WHERE status IN ('completed', 'failed', 'cancelled', 'rejected')
                              AND coalesce(completed_at, updated_at) >= :from
                              AND coalesce(completed_at, updated_at) < :to
                            GROUP BY 1)
                        SELECT coalesce(c.hour, e.hour) AS hour, coalesce(c.created, 0) AS created,
                            coalesce(e.completed, 0) AS completed, coalesce(e.failed, 0) AS failed,
                            coalesce(e.cancelled, 0) AS cancelled, coalesce(e.rejected, 0) AS rejected
                        FROM created c FULL JOIN ended e ON e.hour = c.hour
                        ORDER BY 1
                        """)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, row) -> new OrderHourlyCounts(
                        rs.getTimestamp("hour").toInstant(),
                        rs.getLong("created"),
                        rs.getLong("completed"),
                        rs.getLong("failed"),
                        rs.getLong("cancelled"),
                        rs.getLong("rejected")))
                .list();
    }

    /** The SQL and parameters of a listing page, for checking its plan. */
    static Map.Entry<String, Map<String, Object>> pageSql(OrderFilter filter, PageQuery page) {
        Map.Entry<String, Map<String, Object>> where = where(filter);
        Map<String, Object> params = new LinkedHashMap<>(where.getValue());
        params.put("limit", page.size());
        params.put("offset", page.offset());
        // The (…, created_at DESC, id) indexes read forwards give created_at DESC, id ASC.
        String order = page.ascending() ? "created_at ASC, id DESC" : "created_at DESC, id ASC";
        return Map.entry(
                "SELECT " + COLUMNS + " FROM orders" + where.getKey() + " ORDER BY " + order
                        + " LIMIT :limit OFFSET :offset",
                params);
    }

    private static Map.Entry<String, Map<String, Object>> where(OrderFilter filter) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.userId() != null) {
            conditions.add("user_id = :userId");
            params.put("userId", filter.userId());
        }
        if (filter.status() != null) {
            conditions.add("status = :status");
            params.put("status", filter.status().value());
        }
        return Map.entry(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
    }

    private void insertEntries(UUID orderId, List<TimelineEntry> entries) {
        for (TimelineEntry entry : entries) {
            jdbc.sql("""
                            INSERT INTO order_timeline (order_id, status, at, actor_type, actor_id, actor_name, note, kind,
                                params)
                            VALUES (:orderId, :status, :at, :actorType, :actorId, :actorName, :note, :kind,
                                CAST(:params AS JSONB))
                            """)
                    .param("orderId", orderId)
                    .param("status", entry.status().value())
                    .param("at", Timestamp.from(entry.at()))
                    .param("actorType", entry.actor().type().value())
                    .param("actorId", entry.actor().id())
                    .param("actorName", entry.actor().name())
                    .param("note", entry.note())
                    .param("kind", entry.kind() == null ? null : entry.kind().value())
                    .param("params", entry.params().isEmpty() ? null : json.writeValueAsString(entry.params()))
                    .update();
        }
    }

    private OrderSnapshot withTimeline(OrderSnapshot row) {
        List<TimelineEntry> timeline = jdbc.sql("""
                        SELECT status, at, actor_type, actor_id, actor_name, note, kind, params::text AS params
                        FROM order_timeline WHERE order_id = :orderId ORDER BY id
                        """)
                .param("orderId", row.id())
                .query((rs, n) -> entry(rs))
                .list();
        return withTimeline(row, timeline);
    }

    private static OrderSnapshot withTimeline(OrderSnapshot row, List<TimelineEntry> timeline) {
        return new OrderSnapshot(
                row.id(),
                row.userId(),
                row.productId(),
                row.productName(),
                row.category(),
                row.quantity(),
                row.unitPrice(),
                row.total(),
                row.status(),
                row.input(),
                row.approvalId(),
                row.paymentId(),
                row.aiJobId(),
                row.version(),
                row.createdAt(),
                row.updatedAt(),
                row.completedAt(),
                timeline);
    }

    /** An order row without its timeline. */
    private OrderSnapshot row(ResultSet rs, int n) throws SQLException {
        String currency = rs.getString("currency");
        String input = rs.getString("input");
        return new OrderSnapshot(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getObject("product_id", UUID.class),
                rs.getString("product_name"),
                ProductCategory.parse(rs.getString("category")).orElseThrow(),
                rs.getInt("quantity"),
                new Money(rs.getBigDecimal("unit_price"), currency),
                new Money(rs.getBigDecimal("total_amount"), currency),
                OrderStatus.parse(rs.getString("status")).orElseThrow(),
                input == null ? null : json.readTree(input),
                rs.getObject("approval_id", UUID.class),
                rs.getObject("payment_id", UUID.class),
                rs.getObject("ai_job_id", UUID.class),
                rs.getLong("version"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                nullableInstant(rs, "completed_at"),
                List.of());
    }

    private TimelineEntry entry(ResultSet rs) throws SQLException {
        Actor.Type type = Actor.Type.valueOf(rs.getString("actor_type").toUpperCase(java.util.Locale.ROOT));
        String name = rs.getString("actor_name");
        String params = rs.getString("params");
        return new TimelineEntry(
                OrderStatus.parse(rs.getString("status")).orElseThrow(),
                instant(rs, "at"),
                new Actor(type, rs.getString("actor_id"), name == null ? type.value() : name),
                rs.getString("note"),
                TimelineNote.Kind.parse(rs.getString("kind")).orElse(null),
                params == null ? Map.of() : json.readValue(params, PARAMS));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
