package dev.miyabi.platform.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Fixed-window request counters in PostgreSQL, shared by every instance: how many registrations an
 * address made this hour, how many reset links an email was sent. One atomic upsert per request.
 */
@Component
class RateCounters {

    private final JdbcClient jdbc;
    private final Clock clock;

    RateCounters(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Counts one request of {@code kind} by {@code subject}; when that makes more than {@code limit} in
     * the current window, returns how long until the window ends (the request must be refused).
     */
    Optional<Duration> count(String kind, String subject, int limit, Duration window) {
        Instant now = clock.instant();
        long windowMillis = window.toMillis();
        Instant start = Instant.ofEpochMilli(now.toEpochMilli() / windowMillis * windowMillis);
        int count = jdbc.sql("""
                        INSERT INTO rate_counters (kind, subject, window_start, count)
                        VALUES (:kind, :subject, :start, 1)
                        ON CONFLICT (kind, subject, window_start) DO UPDATE SET count = rate_counters.count + 1
                        RETURNING count
                        """)
                .param("kind", kind)
                .param("subject", subject)
                .param("start", Timestamp.from(start))
                .query(Integer.class)
                .single();
        if (count <= limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, start.plus(window)));
    }

    int purgeOlderThan(Instant cutoff) {
        return jdbc.sql("DELETE FROM rate_counters WHERE window_start < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }
}
