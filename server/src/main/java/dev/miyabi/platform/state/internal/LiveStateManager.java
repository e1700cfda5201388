package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.realtime.ClientEvent;
import dev.miyabi.platform.realtime.ClientEventSubscriber;
import dev.miyabi.platform.realtime.ClientEvents;
import dev.miyabi.platform.state.BusinessCounts;
import dev.miyabi.platform.state.CompositeServiceState;
import dev.miyabi.platform.state.StateManager;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link StateManager} of this instance: a {@link ClientEventSubscriber} that applies every logged
 * client event to the {@link StateProjection}, rebuilds it from PostgreSQL at start (after the realtime
 * listener took its starting point), and on a short timer ({@code publish-interval}) recounts the counts
 * in one snapshot when the interval had events of counted resources, refills the agent task queue when it
 * ran short, and publishes {@code state.updated} if anything changed since the last one.
 *
 * <p>{@code state.updated} is published with {@link ClientEvents#publishTransient} on every instance,
 * not appended to the log: each instance applies the same events in the same order, so each can tell its
 * own clients; logging it would write one copy per instance and tick into {@code event_log} (and replay
 * them), for data that {@code GET /api/state} serves better after a reconnect. Coalescing to one per
 * interval bounds the cost per admin socket whatever the event rate (the state is sent whole, a few KB).
 */
@Component
class LiveStateManager implements StateManager, ClientEventSubscriber, SmartLifecycle, SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(LiveStateManager.class);
    static final String EVENT_TYPE = "state.updated";
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

    private final StateProjection projection;
    private final List<Counter> counters;
    private final StateLoader loader;
    private final ClientEvents events;
    private final StateProperties properties;
    private final Clock clock;
    private final ReentrantLock reloads = new ReentrantLock();
    private final Object publishing = new Object();

    private final AtomicLong repairs = new AtomicLong();
    private final AtomicLong publishedCount = new AtomicLong();
    private volatile boolean running;
    private volatile Instant reloadNotBefore = Instant.MIN;
    private long published = -1; // guarded by publishing

    LiveStateManager(
            ObjectProvider<BusinessCounts> businessCounts,
            AgentTaskCounter agentTasks,
            StateLoader loader,
            ClientEvents events,
            StateProperties properties,
            JsonMapper json,
            Clock clock,
            MeterRegistry meters) {
        List<Counter> all = new ArrayList<>();
        businessCounts.orderedStream().map(StatusCounter::new).forEach(all::add);
        all.add(agentTasks);
        this.counters = List.copyOf(all);
        this.projection = new StateProjection(counters, json, clock, properties.recentItems(), properties.queueSize());
        this.loader = loader;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("miyabi.state.version", this, manager -> manager.current().version())
                .description("Id of the last client event applied to this instance's state")
                .register(meters);
        FunctionCounter.builder("miyabi.state.repairs", repairs, AtomicLong::get)
                .description("Recounts made because an interval had events of counted resources")
                .register(meters);
        FunctionCounter.builder("miyabi.state.published", this, manager -> manager.publishedCount.get())
                .description("state.updated messages published by this instance")
                .register(meters);
    }

    @Override
    public CompositeServiceState current() {
        return projection.current();
    }

    @Override
    public void onClientEvent(ClientEvent event) {
        projection.apply(event);
    }

    // --- lifecycle and timers --------------------------------------------------------------------------

    /** After the realtime listener (one phase lower) took its starting point; stops before it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    /** Builds the state before the instance is ready; fails the start when the database cannot be read. */
    @Override
    public void start() {
        resync();
        refreshUsers();
        running = true;
        log.info("State built at version {}", projection.current().version());
    }

    /**
     * Once more when the application is ready: start-up runners (the demo catalog seed) write rows
     * without events after the first build.
     */
    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        guarded("resync", this::resync);
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::tick, properties.publishInterval(), Duration.ZERO));
        registrar.addFixedDelayTask(
                new FixedDelayTask(this::periodicResync, properties.resyncInterval(), properties.resyncInterval()));
        registrar.addFixedDelayTask(new FixedDelayTask(
                this::periodicUserRefresh, properties.userRefreshInterval(), properties.userRefreshInterval()));
    }

    /**
     * One beat of the publishing timer: recount if the interval had events, refill the queue if it ran
     * short, then tell admins, at most once per beat, if the state changed since the last time.
     */
    void tick() {
        if (!running) {
            return;
        }
        if (!clock.instant().isBefore(reloadNotBefore) && reloads.tryLock()) {
            try {
                guarded("recount", this::recountLocked);
                if (projection.queueDirty()) {
                    guarded("queue refill", this::refillQueueLocked);
                }
            } finally {
                reloads.unlock();
            }
        }
        publishIfChanged();
    }

    /** Recounts in one snapshot if events came since the last count (the mark is cleared first). */
    void recount() {
        reloads.lock();
        try {
            recountLocked();
        } finally {
            reloads.unlock();
        }
    }

    private void recountLocked() {
        if (!projection.takeCountsStale()) {
            return;
        }
        try {
            projection.recounted(loader.loadCounts(counters));
            repairs.incrementAndGet();
        } catch (RuntimeException e) {
            projection.markCountsStale();
            throw e;
        }
    }

    /** Publishes {@code state.updated} (admins only) unless nothing changed since the last one. */
    boolean publishIfChanged() {
        synchronized (publishing) {
            long changes = projection.changes();
            if (changes == published) {
                return false;
            }
            published = changes;
            CompositeServiceState state = projection.current();
            events.publishTransient(EVENT_TYPE, "state", "composite", state, List.<UUID>of(), List.<Role>of());
            return true;
        }
    }

    private void periodicResync() {
        if (running) {
            reloads.lock();
            try {
                guarded("resync", this::resyncLocked);
            } finally {
                reloads.unlock();
            }
        }
    }

    private void periodicUserRefresh() {
        if (running) {
            guarded("user refresh", this::refreshUsers);
        }
    }

    /** Recounts and reloads everything from SQL and merges the events that raced it. */
    void resync() {
        reloads.lock();
        try {
            resyncLocked();
        } finally {
            reloads.unlock();
        }
    }

    private void resyncLocked() {
        projection.beginReload(events.position());
        try {
            projection.completeResync(loader.loadAll(counters, properties.recentItems(), properties.queueSize() * 2));
        } catch (RuntimeException e) {
            projection.abortReload();
            throw e;
        }
    }

    private void refillQueueLocked() {
        projection.beginReload(events.position());
        try {
            projection.completeQueueRefill(loader.loadQueue(properties.queueSize() * 2));
        } catch (RuntimeException e) {
            projection.abortReload();
            throw e;
        }
    }

    void refreshUsers() {
        projection.users(loader.loadUsers());
    }

    private void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            reloadNotBefore = clock.instant().plus(RETRY_AFTER_FAILURE);
            log.warn(
                    "State {} failed ({}); the state stays as it is, next try in {}",
                    what,
                    e.toString(),
                    RETRY_AFTER_FAILURE);
        }
    }

    StateProjection projection() {
        return projection;
    }

    /** Recounts made because an interval had events. */
    long repairs() {
        return repairs.get();
    }
}
