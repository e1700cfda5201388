package dev.miyabi.platform.identity.internal;

import dev.miyabi.platform.shared.database.AdvisoryLocks;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins in PostgreSQL, so every instance sees the same numbers. Failures are counted per
 * account <em>and</em> client address: after {@code accountMaxFailures} of them within the window, that
 * address waits before each further try on that account, {@code throttleBaseDelay} doubling with every
 * failure, at most the window. Guessing from one address therefore cannot lock the owner out from
 * another. An address that fails {@code addressMaxFailures} times within the window (on any accounts) is
 * blocked until enough of its failures have left the window.
 *
 * <p>An attempt is recorded as a failure before its password is checked and forgotten again when it
 * turns out right, so concurrent guesses cannot slip past the count while the hashes are computed.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final IdentityProperties.Auth settings;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, IdentityProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.settings = properties.auth();
        this.clock = clock;
    }

    /** Serializes sign-in attempts on one account from one address for the current transaction. */
    void lock(String email, String clientAddress) {
        AdvisoryLocks.lockForTransaction(jdbc, "login:" + email + "\n" + clientAddress);
    }

    /** How long the caller must wait, if this address is held back on this account or blocked altogether. */
    Optional<Duration> blockedFor(String email, String clientAddress) {
        Instant now = clock.instant();
        Optional<Instant> pairUntil = pairBlockedUntil(email, clientAddress, now);
        Optional<Instant> addressUntil = addressBlockedUntil(clientAddress, now);
        return pairUntil
                .map(until -> addressUntil.filter(other -> other.isAfter(until)).orElse(until))
                .or(() -> addressUntil)
                .map(until -> Duration.between(now, until));
    }

    /** Counts an attempt as failed until {@link #forgive} says otherwise; returns its id. */
    long recordFailure(String email, String clientAddress) {
        return jdbc.sql("""
                        INSERT INTO login_failures (email, client_address, failed_at) VALUES (:email, :address, :at)
                        RETURNING id
                        """)
                .param("email", email)
                .param("address", clientAddress)
                .param("at", Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
    }

    /** Forgets one recorded attempt (its check did not happen). */
    void forget(long failureId) {
        jdbc.sql("DELETE FROM login_failures WHERE id = :id")
                .param("id", failureId)
                .update();
    }

    /**
     * A successful sign-in clears the failures of its account from its address (not those from other
     * addresses, which may be someone else's guesses, and not its address's count on other accounts).
     */
    void forgive(String email, String clientAddress) {
        jdbc.sql("DELETE FROM login_failures WHERE email = :email AND client_address = :address")
                .param("email", email)
                .param("address", clientAddress)
                .update();
    }

    /** Forgets the account's failures from every address (its owner just proved who they are). */
    void forgiveAccount(String email) {
        jdbc.sql("DELETE FROM login_failures WHERE email = :email")
                .param("email", email)
                .update();
    }

    int purgeOlderThan(Instant cutoff) {
        return jdbc.sql("DELETE FROM login_failures WHERE failed_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }

    /** The delay after {@code failures} failures of one account from one address. */
    Duration delayAfter(int failures) {
        int beyond = failures - settings.accountMaxFailures();
        if (beyond < 0) {
            return Duration.ZERO;
        }
        Duration delay = settings.throttleBaseDelay().multipliedBy(1L << Math.min(beyond, 30));
        return delay.compareTo(settings.throttleWindow()) > 0 ? settings.throttleWindow() : delay;
    }

    private Optional<Instant> pairBlockedUntil(String email, String clientAddress, Instant now) {
        List<Instant> recent = jdbc.sql("""
                        SELECT failed_at FROM login_failures
                        WHERE email = :email AND client_address = :address AND failed_at > :since
                        ORDER BY failed_at DESC
                        """)
                .param("email", email)
                .param("address", clientAddress)
                .param("since", Timestamp.from(now.minus(settings.throttleWindow())))
                .query((rs, row) -> rs.getTimestamp(1).toInstant())
                .list();
        if (recent.size() < settings.accountMaxFailures()) {
            return Optional.empty();
        }
        Instant until = recent.getFirst().plus(delayAfter(recent.size()));
        return until.isAfter(now) ? Optional.of(until) : Optional.empty();
    }

    private Optional<Instant> addressBlockedUntil(String clientAddress, Instant now) {
        // The newest `max` failures inside the window; when there are that many, the block lifts
        // once the oldest of them leaves the window.
        int max = settings.addressMaxFailures();
        List<Instant> recent = jdbc.sql("""
                        SELECT failed_at FROM login_failures WHERE client_address = :address AND failed_at > :since
                        ORDER BY failed_at DESC LIMIT :max
                        """)
                .param("address", clientAddress)
                .param("since", Timestamp.from(now.minus(settings.throttleWindow())))
                .param("max", max)
                .query((rs, row) -> rs.getTimestamp(1).toInstant())
                .list();
        if (recent.size() < max) {
            return Optional.empty();
        }
        return Optional.of(recent.getLast().plus(settings.throttleWindow()));
    }
}
