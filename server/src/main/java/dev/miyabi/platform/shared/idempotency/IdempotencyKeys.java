package dev.miyabi.platform.shared.idempotency;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code idempotency_keys} table: one row per (caller, key). A row is claimed {@code in_progress}
 * with a fresh token in its own committed transaction before the handler runs; only the holder of the
 * token may mark it {@code completed} (with the response) or release it.
 */
@Repository
class IdempotencyKeys {

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    /** A row as the mechanism needs it to decide between replay, reuse and in-use. */
    record StoredKey(
            String fingerprint,
            String status,
            boolean effectsCommitted,
            boolean locked,
            @Nullable Integer responseStatus,
            Map<String, String> responseHeaders,
            byte @Nullable [] responseBody,
            @Nullable String resourceType,
            @Nullable UUID resourceId) {

        boolean completed() {
            return "completed".equals(status);
        }
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    IdempotencyKeys(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Claims the key for this request: inserts it, or takes over a row that expired or whose first
     * request stopped holding it (lock timed out) without having changed anything. True when the
     * token is now the row's.
     */
    boolean claim(
            String principal,
            String key,
            String fingerprint,
            String method,
            String path,
            UUID token,
            Duration lockTimeout,
            Duration retention) {
        return jdbc.sql("""
                        INSERT INTO idempotency_keys (principal, idempotency_key, fingerprint, request_method,
                            request_path, status, token, locked_until, expires_at)
                        VALUES (:principal, :key, :fingerprint, :method, :path, 'in_progress', :token,
                            now() + make_interval(secs => :lockSeconds), now() + make_interval(secs => :retentionSeconds))
                        ON CONFLICT (principal, idempotency_key) DO UPDATE SET
                            fingerprint = EXCLUDED.fingerprint,
                            request_method = EXCLUDED.request_method,
                            request_path = EXCLUDED.request_path,
                            status = 'in_progress',
                            token = EXCLUDED.token,
                            locked_until = EXCLUDED.locked_until,
                            effects_committed = false,
                            resource_type = NULL,
                            resource_id = NULL,
                            response_status = NULL,
                            response_headers = NULL,
                            response_body = NULL,
                            created_at = now(),
                            completed_at = NULL,
                            expires_at = EXCLUDED.expires_at
                        WHERE idempotency_keys.expires_at < now()
                           OR (idempotency_keys.status = 'in_progress'
                               AND idempotency_keys.locked_until < now()
                               AND NOT idempotency_keys.effects_committed
                               AND idempotency_keys.fingerprint = EXCLUDED.fingerprint)
                        RETURNING token
                        """)
                .param("principal", principal)
                .param("key", key)
                .param("fingerprint", fingerprint)
                .param("method", method)
                .param("path", path)
                .param("token", token)
                .param("lockSeconds", (double) lockTimeout.toMillis() / 1000)
                .param("retentionSeconds", (double) retention.toMillis() / 1000)
                .query(UUID.class)
                .optional()
                .filter(token::equals)
                .isPresent();
    }

    Optional<StoredKey> find(String principal, String key) {
        return jdbc.sql("""
                        SELECT fingerprint, status, effects_committed, locked_until > now() AS locked, response_status,
                               response_headers::text AS headers, response_body, resource_type, resource_id
                        FROM idempotency_keys
                        WHERE principal = :principal AND idempotency_key = :key AND expires_at >= now()
                        """)
                .param("principal", principal)
                .param("key", key)
                .query((rs, row) -> new StoredKey(
                        rs.getString("fingerprint"),
                        rs.getString("status"),
                        rs.getBoolean("effects_committed"),
                        rs.getBoolean("locked"),
                        rs.getObject("response_status", Integer.class),
                        readHeaders(rs.getString("headers")),
                        rs.getBytes("response_body"),
                        rs.getString("resource_type"),
                        rs.getObject("resource_id", UUID.class)))
                .optional();
    }

    /**
     * Records, inside the transaction that is about to commit the request's changes, that this
     * request changed data: from then on its key can no longer be taken over. {@code created}: the
     * resource this transaction created, if any (the first one recorded stays). False when the token is
     * no longer the row's (another request took the key over), so the caller must roll back.
     */
    boolean markEffectsCommitted(String principal, String key, UUID token, ActiveClaim.@Nullable Created created) {
        return jdbc.sql("""
                        UPDATE idempotency_keys SET effects_committed = true,
                            resource_type = COALESCE(resource_type, CAST(:resourceType AS VARCHAR)),
                            resource_id = CASE WHEN resource_type IS NULL THEN CAST(:resourceId AS UUID) ELSE resource_id END
                        WHERE principal = :principal AND idempotency_key = :key AND token = :token
                          AND status = 'in_progress'
                        """)
                        .param("principal", principal)
                        .param("key", key)
                        .param("token", token)
                        .param("resourceType", created == null ? null : created.type())
                        .param("resourceId", created == null ? null : created.id())
                        .update()
                == 1;
    }

    boolean complete(String principal, String key, UUID token, int status, Map<String, String> headers, byte[] body) {
        return jdbc.sql("""
                        UPDATE idempotency_keys
                        SET status = 'completed', response_status = :status, response_headers = CAST(:headers AS JSONB),
                            response_body = :body, completed_at = now(), locked_until = NULL
                        WHERE principal = :principal AND idempotency_key = :key AND token = :token
                          AND status = 'in_progress'
                        """)
                        .param("principal", principal)
                        .param("key", key)
                        .param("token", token)
                        .param("status", status)
                        .param("headers", json.writeValueAsString(headers))
                        .param("body", body)
                        .update()
                == 1;
    }

    /** Forgets a claim whose request changed nothing, so a retry runs afresh. False when it did change data. */
    boolean release(String principal, String key, UUID token) {
        return jdbc.sql("""
                        DELETE FROM idempotency_keys
                        WHERE principal = :principal AND idempotency_key = :key AND token = :token
                          AND status = 'in_progress' AND NOT effects_committed
                        """)
                        .param("principal", principal)
                        .param("key", key)
                        .param("token", token)
                        .update()
                == 1;
    }

    int purgeExpired() {
        return jdbc.sql("DELETE FROM idempotency_keys WHERE expires_at < now()").update();
    }

    private Map<String, String> readHeaders(@Nullable String text) {
        return text == null ? Map.of() : json.readValue(text, HEADERS);
    }
}
