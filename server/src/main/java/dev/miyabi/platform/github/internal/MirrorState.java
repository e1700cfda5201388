package dev.miyabi.platform.github.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code github_mirror} row every instance shares: the rate-limit pause (a limit belongs to the token,
 * so all instances stop), the reconciliation cursor and lease, and the last success and error. The pause
 * is also kept in memory and checked before every request.
 */
@Repository
class MirrorState {

    record Row(
            @Nullable Instant pausedUntil,
            @Nullable Instant lastSuccessAt,
            @Nullable String lastError,
            @Nullable Instant reconciledSince) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Instant pausedUntil = Instant.EPOCH;

    MirrorState(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Throws {@link RateLimited} while the mirror is paused; reads the shared pause first, so a limit one
     * instance met stops the others before their next request.
     */
    void checkNotPaused() {
        refreshPause();
        Instant until = pausedUntil;
        if (clock.instant().isBefore(until)) {
            throw new RateLimited(until);
        }
    }

    /** Pauses every instance until {@code until} (a later pause already recorded wins). */
    void pause(Instant until) {
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
        jdbc.sql("""
                        UPDATE github_mirror SET paused_until = greatest(coalesce(paused_until, :until), :until)
                        WHERE id = 1
                        """).param("until", Timestamp.from(until)).update();
    }

    /** Takes over a pause another instance recorded. */
    void refreshPause() {
        Instant shared = read().pausedUntil();
        if (shared != null && shared.isAfter(pausedUntil)) {
            pausedUntil = shared;
        }
    }

    Row read() {
        return jdbc.sql("""
                        SELECT paused_until, last_success_at, last_error, reconciled_since FROM github_mirror
                        WHERE id = 1
                        """)
                .query((rs, n) -> new Row(
                        instant(rs.getTimestamp("paused_until")),
                        instant(rs.getTimestamp("last_success_at")),
                        rs.getString("last_error"),
                        instant(rs.getTimestamp("reconciled_since"))))
                .single();
    }

    void succeeded() {
        jdbc.sql("UPDATE github_mirror SET last_success_at = now() WHERE id = 1")
                .update();
    }

    void failed(String error) {
        jdbc.sql("UPDATE github_mirror SET last_error = :error, last_error_at = now() WHERE id = 1")
                .param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .update();
    }

    /**
     * Claims the next reconciliation run for this instance (one instance at a time across the cluster);
     * returns the cursor to read from (null: from the beginning), or empty when another instance holds it.
     */
    Optional<Optional<Instant>> claimReconciliation(Duration lease) {
        return jdbc.sql("""
                        UPDATE github_mirror SET reconcile_lease_until = now() + make_interval(secs => :lease)
                        WHERE id = 1 AND (reconcile_lease_until IS NULL OR reconcile_lease_until < now())
                        RETURNING reconciled_since
                        """)
                .param("lease", (double) lease.toMillis() / 1000)
                .query((rs, n) -> Optional.ofNullable(instant(rs.getTimestamp("reconciled_since"))))
                .optional();
    }

    void reconciled(@Nullable Instant since) {
        jdbc.sql("""
                        UPDATE github_mirror SET reconciled_since = coalesce(:since, reconciled_since),
                            reconcile_lease_until = NULL, last_success_at = now()
                        WHERE id = 1
                        """)
                .param("since", since == null ? null : Timestamp.from(since))
                .update();
    }

    void releaseReconciliation() {
        jdbc.sql("UPDATE github_mirror SET reconcile_lease_until = NULL WHERE id = 1")
                .update();
    }

    private static @Nullable Instant instant(@Nullable Timestamp value) {
        return value == null ? null : value.toInstant();
    }
}
