package dev.miyabi.platform.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code password_resets} table: one row per reset link, only the token's SHA-256 stored. */
@Repository
class PasswordResets {

    private final JdbcClient jdbc;

    PasswordResets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(UUID userId, String token, Instant expiresAt) {
        jdbc.sql("INSERT INTO password_resets (user_id, token_hash, expires_at) VALUES (:user, :hash, :expires)")
                .param("user", userId)
                .param("hash", RefreshTokens.hash(token))
                .param("expires", Timestamp.from(expiresAt))
                .update();
    }

    /** The user whose unused, unexpired link this is; with {@code lock}, the link's row is locked. */
    Optional<UUID> usableBy(String token, Instant now, boolean lock) {
        return jdbc.sql("SELECT user_id FROM password_resets WHERE token_hash = :hash AND used_at IS NULL"
                        + " AND expires_at > :now" + (lock ? " FOR UPDATE" : ""))
                .param("hash", RefreshTokens.hash(token))
                .param("now", Timestamp.from(now))
                .query(UUID.class)
                .optional();
    }

    /** Spends every open link of the user: a reset (or a new password) makes the others worthless. */
    void useAll(UUID userId) {
        jdbc.sql("UPDATE password_resets SET used_at = now() WHERE user_id = :user AND used_at IS NULL")
                .param("user", userId)
                .update();
    }

    int purgeExpiredBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM password_resets WHERE expires_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }
}
