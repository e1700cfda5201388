package dev.miyabi.platform.shared.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands event publications to their listener again while the instances run. Spring Modulith
 * records each listener's publication in {@code event_publication} and marks it failed when the
 * listener throws; by itself it delivers again only at a restart, and then everything incomplete,
 * including publications another live instance is still working on ({@code
 * republish-outstanding-events-on-restart} is off for that reason).
 *
 * <p>Every {@code miyabi.events.redelivery-interval}, on one instance at a time (a transaction-scoped
 * advisory lock; the others skip the round):
 *
 * <ol>
 *   <li>a publication still waiting for its listener {@code miyabi.events.stale-after} after it was
 *       handed over is marked failed: the instance that had it died;
 *   <li>each failed publication whose backoff has passed ({@code backoff-base}, doubling per attempt
 *       up to {@code backoff-max}) is claimed by Modulith (status {@code RESUBMITTED}, attempts + 1, in
 *       this transaction) and handed to its listener, which runs asynchronously as on first delivery.
 * </ol>
 *
 * Listeners are idempotent, so a publication delivered twice (an instance that was only slow, not
 * dead) changes nothing the second time. Gauges {@code miyabi.events.incomplete} and {@code
 * miyabi.events.failed} count what waits; counters {@code miyabi.events.redelivered} and {@code
 * miyabi.events.abandoned} count what this did.
 */
@Component
class EventRedelivery {

    private static final Logger log = LoggerFactory.getLogger(EventRedelivery.class);
    private static final String LOCK = "miyabi.events.redelivery";
    /** Failed publications read per round, oldest first. */
    private static final int BATCH = 100;

    private final FailedEventPublications failedPublications;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final EventRedeliveryProperties properties;
    private final Clock clock;
    private final AtomicLong incomplete = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Counter redelivered;
    private final Counter abandoned;

    EventRedelivery(
            FailedEventPublications failedPublications,
            JdbcClient jdbc,
            TransactionTemplate transaction,
            EventRedeliveryProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.failedPublications = failedPublications;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("miyabi.events.incomplete", incomplete, AtomicLong::get)
                .description("Event publications whose listener has not completed (as of the last round)")
                .register(meters);
        Gauge.builder("miyabi.events.failed", failed, AtomicLong::get)
                .description("Event publications whose listener failed and that wait for redelivery")
                .register(meters);
        this.redelivered = Counter.builder("miyabi.events.redelivered")
                .description("Event publications handed to their listener again")
                .register(meters);
        this.abandoned = Counter.builder("miyabi.events.abandoned")
                .description("Event publications found without an instance working on them")
                .register(meters);
    }

    @Scheduled(
            initialDelayString = "${miyabi.events.redelivery-interval:10s}",
            fixedDelayString = "${miyabi.events.redelivery-interval:10s}")
    void scheduled() {
        try {
            redeliver();
        } catch (RuntimeException e) {
            // The database may be down for a moment; the next round tries again.
            log.warn("Event redelivery round failed: {}", e.toString());
        }
    }

    /**
     * One round. Returns the number of publications handed to their listener again, or -1 when
     * another instance holds the round.
     */
    int redeliver() {
        Integer handed = transaction.execute(status -> {
            boolean mine = Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtextextended(:key, 0))")
                    .param("key", LOCK)
                    .query(Boolean.class)
                    .single());
            if (!mine) {
                return -1;
            }
            Instant now = clock.instant();
            int stale = jdbc.sql("""
                            UPDATE event_publication SET status = 'FAILED'
                            WHERE completion_date IS NULL
                              AND (status IS NULL OR status IN ('PUBLISHED', 'PROCESSING', 'RESUBMITTED'))
                              AND coalesce(last_resubmission_date, publication_date) < :cutoff
                            """)
                    .param("cutoff", Timestamp.from(now.minus(properties.staleAfter())))
                    .update();
            if (stale > 0) {
                abandoned.increment(stale);
                log.warn("{} event publication(s) left unfinished by their instance; delivering them again", stale);
            }
            AtomicInteger due = new AtomicInteger();
            failedPublications.resubmit(ResubmissionOptions.defaults()
                    .withBatchSize(BATCH)
                    .withMaxInFlight(BATCH)
                    .withFilter(publication -> {
                        boolean ready = isDue(publication, now);
                        if (ready) {
                            due.incrementAndGet();
                        }
                        return ready;
                    }));
            return due.get();
        });
        int result = handed == null ? 0 : handed;
        if (result > 0) {
            redelivered.increment(result);
            log.info("Delivered {} event publication(s) again", result);
        }
        countWaiting();
        return result;
    }

    private boolean isDue(EventPublication publication, Instant now) {
        Instant last = publication.getLastResubmissionDate();
        Instant since = last == null ? publication.getPublicationDate() : last;
        return !since.plus(properties.backoff(publication.getCompletionAttempts()))
                .isAfter(now);
    }

    private void countWaiting() {
        jdbc.sql("""
                        SELECT count(*) AS incomplete, count(*) FILTER (WHERE status = 'FAILED') AS failed
                        FROM event_publication WHERE completion_date IS NULL
                        """)
                .query((rs, row) -> {
                    incomplete.set(rs.getLong("incomplete"));
                    failed.set(rs.getLong("failed"));
                    return row;
                })
                .single();
    }
}
