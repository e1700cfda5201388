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
 * Counts failed sign-ins in PostgreSQL, so every instance sees the same numbers: an account is
 * blocked after {@code accountMaxFailures} failures within the window, a client address after
 * {@code addressMaxFailures}. A block lasts until enough failures have left the sliding window.
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

    /** Serializes sign-in attempts on one account for the current transaction, across instances. */
    void lockAccount(String email) {
        AdvisoryLocks.lockForTransaction(jdbc, "login:" + email);
    }

    /** How long the caller must wait, if the account or the address is blocked now. */
    Optional<Duration> blockedFor(String email, String clientAddress) {
        Instant now = clock.instant();
        Optional<Instant> accountUntil = blockedUntil("email", email, settings.accountMaxFailures(), now);
        Optional<Instant> addressUntil =
                blockedUntil("client_address", clientAddress, settings.addressMaxFailures(), now);
        return accountUntil
                .map(until -> addressUntil.filter(other -> other.isAfter(until)).orElse(until))
                .or(() -> addressUntil)
                .map(until -> Duration.between(now, until));
    }

    void recordFailure(String email, String clientAddress) {
        jdbc.sql("INSERT INTO login_failures (email, client_address, failed_at) VALUES (:email, :address, :at)")
                .param("email", email)
                .param("address", clientAddress)
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    /** A successful sign-in clears the account's count (not the address's). */
    void recordSuccess(String email) {
        jdbc.sql("DELETE FROM login_failures WHERE email = :email")
                .param("email", email)
                .update();
    }

    int purgeOlderThan(Instant cutoff) {
        return jdbc.sql("DELETE FROM login_failures WHERE failed_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }

    private Optional<Instant> blockedUntil(String column, String value, int max, Instant now) {
        // The newest `max` failures inside the window; when there are that many, the block lifts
        // once the oldest of them leaves the window.
        List<Instant> recent = jdbc.sql("SELECT failed_at FROM login_failures WHERE " + column
                        + " = :value AND failed_at > :since ORDER BY failed_at DESC LIMIT :max")
                .param("value", value)
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
