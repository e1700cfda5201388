package dev.miyabi.platform.realtime.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes events older than {@code miyabi.realtime.retention}, every {@code prune-interval}, in
 * batches of short transactions. Every instance runs it; the deletes are idempotent.
 */
@Component
class EventLogPruner implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(EventLogPruner.class);
    private static final int BATCH = 5_000;

    private final LoggedEvents events;
    private final RealtimeProperties properties;
    private final Clock clock;

    EventLogPruner(LoggedEvents events, RealtimeProperties properties, Clock clock) {
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::prune, properties.pruneInterval(), Duration.ofMinutes(1)));
    }

    /** Returns how many events were deleted. */
    int prune() {
        Instant cutoff = clock.instant().minus(properties.retention());
        int total = 0;
        int deleted;
        do {
            deleted = events.deleteCreatedBefore(cutoff, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            log.info("Pruned {} events older than {}", total, cutoff);
        }
        return total;
    }
}
