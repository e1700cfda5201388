package dev.miyabi.platform.aijobs.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue as gauges: {@code miyabi.jobs.queued}, {@code miyabi.jobs.running} and {@code
 * miyabi.jobs.queue.age} (seconds the oldest due queued job has waited: the alert for workers that
 * fall behind or are down). The queue lives in PostgreSQL, so every instance reports the same numbers
 * (take the max over instances). One query serves the three gauges and is reused for {@link #MAX_AGE},
 * so scrapes cost at most one query per instance in that time; when it fails the gauges read NaN.
 */
final class JobQueueMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(JobQueueMetrics.class);
    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private final Jobs jobs;
    private final Clock clock;
    private Jobs.@Nullable QueueStats stats;
    private Instant readAt = Instant.MIN;

    JobQueueMetrics(Jobs jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "miyabi.jobs.queued", "AI jobs waiting in the queue", null, Jobs.QueueStats::queued);
        gauge(registry, "miyabi.jobs.running", "AI jobs running on any instance", null, Jobs.QueueStats::running);
        gauge(
                registry,
                "miyabi.jobs.queue.age",
                "How long the oldest due queued AI job has waited",
                "seconds",
                Jobs.QueueStats::oldestWaitSeconds);
    }

    private void gauge(
            MeterRegistry registry,
            String name,
            String description,
            @Nullable String unit,
            ToDoubleFunction<Jobs.QueueStats> value) {
        Gauge.builder(name, this, metrics -> {
                    Jobs.QueueStats current = metrics.current();
                    return current == null ? Double.NaN : value.applyAsDouble(current);
                })
                .description(description)
                .baseUnit(unit)
                .register(registry);
    }

    synchronized Jobs.@Nullable QueueStats current() {
        Instant now = clock.instant();
        if (stats == null || !now.isBefore(readAt.plus(MAX_AGE))) {
            readAt = now;
            try {
                stats = jobs.queueStats();
            } catch (RuntimeException e) {
                log.debug("Reading the queue's gauges failed", e);
                stats = null;
            }
        }
        return stats;
    }
}
