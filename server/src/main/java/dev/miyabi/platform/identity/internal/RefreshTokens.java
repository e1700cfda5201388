package dev.miyabi.platform.identity.internal;

import dev.miyabi.platform.identity.UserActivity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Refresh-token families and their tokens. A token is stored as its SHA-256 only; a family is one
 * sign-in, revoked as a whole on logout or when a spent token is presented again.
 */
@Repository
class RefreshTokens {

    private final JdbcClient jdbc;

    RefreshTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a presented token is, read under a row lock on its family so rotations serialize. */
    record Presented(
            UUID tokenId,
            UUID familyId,
            UUID userId,
            Instant expiresAt,
            @Nullable Instant usedAt,
            @Nullable Instant familyRevokedAt,
            Instant familyExpiresAt,
            Instant familyCreatedAt) {}

    UUID openFamily(UUID userId, Instant expiresAt, @Nullable String clientAddress, @Nullable String userAgent) {
        return jdbc.sql("""
                        INSERT INTO refresh_token_families (user_id, expires_at, client_address, user_agent)
                        VALUES (:user, :expires, :address, :agent)
                        RETURNING id
                        """)
                .param("user", userId)
                .param("expires", Timestamp.from(expiresAt))
                .param("address", truncate(clientAddress, 64))
                .param("agent", truncate(userAgent, 255))
                .query(UUID.class)
                .single();
    }

    void add(UUID familyId, String token, Instant expiresAt) {
        jdbc.sql("INSERT INTO refresh_tokens (family_id, token_hash, expires_at) VALUES (:family, :hash, :expires)")
                .param("family", familyId)
                .param("hash", hash(token))
                .param("expires", Timestamp.from(expiresAt))
                .update();
        jdbc.sql(
                        "UPDATE refresh_token_families SET last_used_at = now(), expires_at = GREATEST(expires_at, :expires) WHERE id = :family")
                .param("family", familyId)
                .param("expires", Timestamp.from(expiresAt))
                .update();
    }

    Optional<Presented> lock(String token) {
        return jdbc.sql("""
                        SELECT t.id, t.family_id, f.user_id, t.expires_at, t.used_at, f.revoked_at, f.expires_at AS family_expires_at,
                            f.created_at AS family_created_at
                        FROM refresh_tokens t JOIN refresh_token_families f ON f.id = t.family_id
                        WHERE t.token_hash = :hash
                        FOR UPDATE OF f, t
                        """)
                .param("hash", hash(token))
                .query((rs, row) -> new Presented(
                        rs.getObject("id", UUID.class),
                        rs.getObject("family_id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        rs.getTimestamp("expires_at").toInstant(),
                        instant(rs.getTimestamp("used_at")),
                        instant(rs.getTimestamp("revoked_at")),
                        rs.getTimestamp("family_expires_at").toInstant(),
                        rs.getTimestamp("family_created_at").toInstant()))
                .optional();
    }

    void markUsed(UUID tokenId) {
        jdbc.sql("UPDATE refresh_tokens SET used_at = now() WHERE id = :id")
                .param("id", tokenId)
                .update();
    }

    void revokeFamily(UUID familyId, String reason) {
        jdbc.sql(
                        "UPDATE refresh_token_families SET revoked_at = now(), revoked_reason = :reason WHERE id = :id AND revoked_at IS NULL")
                .param("id", familyId)
                .param("reason", reason)
                .update();
    }

    /** Ends every live session of the user. */
    void revokeAllOf(UUID userId, String reason) {
        jdbc.sql("""
                        UPDATE refresh_token_families SET revoked_at = now(), revoked_reason = :reason
                        WHERE user_id = :user AND revoked_at IS NULL
                        """).param("user", userId).param("reason", reason).update();
    }

    boolean familyRevoked(UUID familyId) {
        return jdbc.sql("SELECT revoked_at IS NOT NULL FROM refresh_token_families WHERE id = :id")
                .param("id", familyId)
                .query(Boolean.class)
                .optional()
                .orElse(true);
    }

    /**
     * Accounts and live sessions; the sessions are read from {@code idx_refresh_token_families_active}
     * (unrevoked families by expiry).
     */
    UserActivity activity() {
        return jdbc.sql("""
                        SELECT (SELECT count(*) FROM users) AS registered,
                            count(*) AS sessions,
                            count(DISTINCT user_id) AS users,
                            count(DISTINCT user_id) FILTER (WHERE last_used_at > now() - INTERVAL '1 hour') AS recent
                        FROM refresh_token_families
                        WHERE revoked_at IS NULL AND expires_at > now()
                        """)
                .query((rs, row) -> new UserActivity(
                        rs.getLong("registered"), rs.getLong("sessions"), rs.getLong("users"), rs.getLong("recent")))
                .single();
    }

    /** Forgets families that ended (expired or revoked) longer ago than the retention. */
    int purgeEndedBefore(Instant cutoff) {
        return jdbc.sql("""
                        DELETE FROM refresh_token_families
                        WHERE expires_at < :cutoff OR (revoked_at IS NOT NULL AND revoked_at < :cutoff)
                        """).param("cutoff", Timestamp.from(cutoff)).update();
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static @Nullable String truncate(@Nullable String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
