package dev.miyabi.platform.realtime.internal;

import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.realtime.ClientEvent;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** SQL of the {@code event_log} table. */
@Repository
public class LoggedEvents {

    /** The channel every instance {@code LISTEN}s on; the notification's payload is the event id. */
    public static final String CHANNEL = "miyabi_event_log";

    /**
     * The advisory lock every appending transaction holds (shared) from before it takes its id to its
     * end: {@code pg_locks} then shows which transactions may still commit an id.
     */
    static final long APPENDING_LOCK = 0x4D49_5941_4556_4C47L;

    static final String COLUMNS =
            "id, event_type, resource_type, resource_id, payload::text AS payload, visible_to_users, visible_to_roles, created_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public LoggedEvents(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public record Appended(long id, Instant createdAt) {}

    /**
     * Inserts the event and queues its notification, in one statement of the current transaction.
     * PostgreSQL delivers the {@code NOTIFY} only when that transaction commits (and never when it
     * rolls back). {@code clock_timestamp()} rather than {@code now()}: the time of the append, not
     * of the transaction's start. First (the materialized CTE runs before the insert takes its id) the
     * transaction takes {@link #APPENDING_LOCK} shared, held to its end: the listener's safe id relies on
     * it ({@link EventLogListener}).
     */
    Appended insert(
            String type,
            String resourceType,
            String resourceId,
            String payloadJson,
            Collection<UUID> users,
            Collection<Role> roles) {
        return jdbc.sql("""
                        WITH appending AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(%d)),
                        appended AS (
                            INSERT INTO event_log (event_type, resource_type, resource_id, payload,
                                                   visible_to_users, visible_to_roles, created_at)
                            SELECT :type, :resourceType, :resourceId, CAST(:payload AS jsonb),
                                   :users, CAST(:roles AS varchar(20)[]), clock_timestamp()
                            FROM appending
                            RETURNING id, created_at)
                        SELECT id, created_at, pg_notify('%s', id::text) FROM appended
                        """.formatted(APPENDING_LOCK, CHANNEL))
                .param("type", type)
                .param("resourceType", resourceType)
                .param("resourceId", resourceId)
                .param("payload", payloadJson)
                .param("users", users.toArray(UUID[]::new))
                .param("roles", roles.stream().map(Role::value).distinct().toArray(String[]::new))
                .query((rs, n) -> new Appended(
                        rs.getLong("id"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .single();
    }

    public List<ClientEvent> readAfter(long afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM event_log WHERE id > :after ORDER BY id LIMIT :limit")
                .param("after", afterId)
                .param("limit", limit)
                .query(mapper())
                .list();
    }

    /**
     * Events after {@code afterId} up to {@code upTo} that the user may see and that match one of
     * the event-type patterns ({@code LIKE}, e.g. {@code order.%}) or one of the resources ({@code
     * type:id}), oldest first.
     */
    public List<ClientEvent> replay(
            long afterId, long upTo, CurrentUser user, List<String> typePatterns, List<String> resources, int limit) {
        return jdbc.sql("""
                        SELECT %s FROM event_log
                        WHERE id > :after AND id <= :upTo
                          AND (:admin OR :user = ANY(visible_to_users)
                               OR visible_to_roles && CAST(:roles AS varchar(20)[]))
                          AND (event_type LIKE ANY(CAST(:patterns AS text[]))
                               OR (resource_type || ':' || resource_id) = ANY(CAST(:resources AS text[])))
                        ORDER BY id
                        LIMIT :limit
                        """.formatted(COLUMNS))
                .param("after", afterId)
                .param("upTo", upTo)
                .param("admin", user.isAdmin())
                .param("user", user.id())
                .param("roles", user.roles().stream().map(Role::value).toArray(String[]::new))
                .param("patterns", typePatterns.toArray(String[]::new))
                .param("resources", resources.toArray(String[]::new))
                .param("limit", limit)
                .query(mapper())
                .list();
    }

    /** Whether any logged event about the resource is visible to the user. */
    public boolean anyVisible(String resourceType, String resourceId, CurrentUser user) {
        return jdbc.sql("""
                        SELECT EXISTS (
                            SELECT 1 FROM event_log
                            WHERE resource_type = :resourceType AND resource_id = :resourceId
                              AND (:admin OR :user = ANY(visible_to_users)
                                   OR visible_to_roles && CAST(:roles AS varchar(20)[])))
                        """)
                .param("resourceType", resourceType)
                .param("resourceId", resourceId)
                .param("admin", user.isAdmin())
                .param("user", user.id())
                .param("roles", user.roles().stream().map(Role::value).toArray(String[]::new))
                .query(Boolean.class)
                .single();
    }

    public Optional<Long> oldestId() {
        return jdbc.sql("SELECT min(id) FROM event_log").query(Long.class).optional();
    }

    /**
     * Deletes at most {@code batch} events created before the cutoff; called in a loop so a large
     * backlog is removed in short transactions.
     */
    int deleteCreatedBefore(Instant cutoff, int batch) {
        return jdbc.sql("""
                        DELETE FROM event_log WHERE id IN (
                            SELECT id FROM event_log WHERE created_at < :cutoff ORDER BY id LIMIT :batch)
                        """)
                .param("cutoff", OffsetDateTime.ofInstant(cutoff, java.time.ZoneOffset.UTC))
                .param("batch", batch)
                .update();
    }

    RowMapper<ClientEvent> mapper() {
        return (rs, n) -> map(rs, json);
    }

    /** Maps a row selected with {@link #COLUMNS}. */
    static ClientEvent map(ResultSet rs, JsonMapper json) throws SQLException {
        JsonNode payload = json.readTree(rs.getString("payload"));
        return new ClientEvent(
                rs.getLong("id"),
                rs.getString("event_type"),
                rs.getString("resource_type"),
                rs.getString("resource_id"),
                payload instanceof ObjectNode object ? object : json.createObjectNode(),
                users(rs.getArray("visible_to_users")),
                roles(rs.getArray("visible_to_roles")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                true);
    }

    private static Set<UUID> users(Array array) throws SQLException {
        Set<UUID> users = new HashSet<>();
        if (array != null) {
            for (Object value : (Object[]) array.getArray()) {
                users.add(value instanceof UUID uuid ? uuid : UUID.fromString(value.toString()));
            }
        }
        return users;
    }

    private static Set<Role> roles(Array array) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (array != null) {
            for (Object value : (Object[]) array.getArray()) {
                Role.parse(value.toString()).ifPresent(roles::add);
            }
        }
        return roles;
    }
}
