package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.realtime.RealtimePresence;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Persists API latency for the metrics summary. It watches the same observations as Micrometer's {@code
 * http.server.requests} (registered on the observation registry as a handler bean), counts every {@code
 * /api/**} request's duration into this instance's {@link LatencyHistogram}, and adds the counts to {@code
 * api_latency_buckets} every {@code latency-flush-interval} and when the instance stops — so the
 * percentiles cover every instance and survive restarts. Buckets older than {@code latency-retention}
 * are deleted at the flush.
 */
@Component
class ApiLatencyRecorder implements ObservationHandler<ServerRequestObservationContext>, SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ApiLatencyRecorder.class);
    private static final String STARTED = ApiLatencyRecorder.class.getName() + ".started";

    private final LatencyHistogram histogram = new LatencyHistogram();
    private final LatencyBuckets buckets;
    private final RealtimePresence presence;
    private final TransactionTemplate transactions;
    private final StateProperties properties;
    private final Clock clock;

    ApiLatencyRecorder(
            LatencyBuckets buckets,
            RealtimePresence presence,
            PlatformTransactionManager transactions,
            StateProperties properties,
            Clock clock) {
        this.buckets = buckets;
        this.presence = presence;
        this.transactions = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ServerRequestObservationContext;
    }

    @Override
    public void onStart(ServerRequestObservationContext context) {
        context.put(STARTED, System.nanoTime());
    }

    @Override
    public void onStop(ServerRequestObservationContext context) {
        Long started = context.get(STARTED);
        if (started != null && context.getCarrier().getRequestURI().startsWith("/api/")) {
            histogram.record(clock.instant(), System.nanoTime() - started);
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(
                new FixedDelayTask(this::flush, properties.latencyFlushInterval(), properties.latencyFlushInterval()));
    }

    /** Adds this instance's counts since the last flush to the table; on failure keeps them for the next. */
    void flush() {
        List<LatencyHistogram.Bucket> drained = histogram.drain(clock.instant());
        try {
            transactions.executeWithoutResult(status -> {
                buckets.add(presence.instanceId(), drained);
                buckets.deleteBefore(clock.instant().minus(properties.latencyRetention()));
            });
        } catch (DataAccessException e) {
            histogram.restore(drained);
            log.warn("Saving API latency buckets failed ({}); they are kept for the next flush", e.getMessage());
        }
    }

    @PreDestroy
    void flushOnStop() {
        flush();
    }
}
