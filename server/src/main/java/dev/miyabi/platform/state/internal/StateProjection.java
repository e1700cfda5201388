package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.agents.AgentTaskStatus;
import dev.miyabi.platform.agents.AgentTaskView;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.orders.OrderSnapshot;
import dev.miyabi.platform.realtime.ClientEvent;
import dev.miyabi.platform.state.AgentState;
import dev.miyabi.platform.state.AgentStatus;
import dev.miyabi.platform.state.BusinessState;
import dev.miyabi.platform.state.CompositeServiceState;
import dev.miyabi.platform.state.RecentJob;
import dev.miyabi.platform.state.RecentOrder;
import dev.miyabi.platform.state.UserState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One instance's state and the rules that move it — no Spring, no SQL, so it is tested on its own.
 *
 * <p><b>Reads</b> are lock-free: {@link #current()} reads an {@link AtomicReference} to an immutable
 * snapshot. <b>Writes</b> (an event applied, a reload merged, new user figures) build the next snapshot
 * under one lock and publish it with one reference write, so a reader sees either the old or the new
 * state, never a mix.
 *
 * <p><b>Events</b> raise {@code version} to their id and put their resource into the recent orders/jobs or
 * the agent task queue (or take it out); applying the same resource twice leaves the lists as applying it
 * once. They do not move the counts: an event of a counted resource marks the counts stale, and the
 * manager recounts them from SQL — in one {@code REPEATABLE READ} snapshot — at its next beat. Clearing
 * the mark before the snapshot is taken means every event applied before it is in it (an applied event
 * is committed), and one applied during it marks the counts again. So once events stop, every instance
 * has applied the same events (the same {@code version}, the last event id) and recounted after the
 * last of them: the same state everywhere.
 *
 * <p><b>Reloads</b> (at start and periodically) read counts, lists and queue in one snapshot; the events
 * applied while it reads are re-applied to the loaded lists, and mark the counts stale again.
 */
final class StateProjection {

    private static final Logger log = LoggerFactory.getLogger(StateProjection.class);

    static final String ORDER = "order";
    static final String JOB = "job";
    static final String AGENT_TASK = "agent_task";

    private static final Comparator<RecentOrder> NEWEST_ORDERS =
            Comparator.comparing(RecentOrder::createdAt).reversed().thenComparing(RecentOrder::id);
    private static final Comparator<RecentJob> NEWEST_JOBS =
            Comparator.comparing(RecentJob::createdAt).reversed().thenComparing(RecentJob::id);
    /** The order an agent serves its open tasks in. */
    static final Comparator<AgentTaskView> SERVING_ORDER = Comparator.comparingInt(AgentTaskView::priority)
            .reversed()
            .thenComparing(AgentTaskView::createdAt)
            .thenComparing(AgentTaskView::id);

    /** What a full reload read, in one snapshot transaction. */
    record Loaded(
            Map<String, Map<String, Long>> counts,
            List<RecentOrder> recentOrders,
            List<RecentJob> recentJobs,
            QueueLoaded queue) {}

    /**
     * Open agent tasks in serving order.
     *
     * @param complete true when these are all open tasks (fewer than were asked for)
     */
    record QueueLoaded(List<AgentTaskView> tasks, boolean complete) {}

    /** The state as this class keeps it; the public view is derived from it. */
    private record Model(
            long version,
            Instant lastUpdated,
            Map<String, Map<String, Long>> counts,
            List<RecentOrder> recentOrders,
            List<RecentJob> recentJobs,
            List<AgentTaskView> queue,
            boolean queueComplete,
            UserState users) {}

    private static final class Snapshot {
        final Model model;
        final long changes;
        volatile @Nullable CompositeServiceState view;

        Snapshot(Model model, long changes) {
            this.model = model;
            this.changes = changes;
        }
    }

    /** The events applied while a reload runs. */
    private static final class Recording {
        final List<ClientEvent> events = new ArrayList<>();
    }

    private final List<Counter> counters;
    private final JsonMapper json;
    private final Clock clock;
    private final int recentItems;
    private final int queueSize;
    private final AtomicReference<Snapshot> snapshot;
    private final ReentrantLock lock = new ReentrantLock();

    // Guarded by lock.
    private @Nullable Recording recording;
    private boolean initialized;
    private boolean countsStale;

    private volatile boolean queueDirty;

    StateProjection(List<Counter> counters, JsonMapper json, Clock clock, int recentItems, int queueSize) {
        this.counters = List.copyOf(counters);
        this.json = json;
        this.clock = clock;
        this.recentItems = recentItems;
        this.queueSize = queueSize;
        Map<String, Map<String, Long>> empty = new LinkedHashMap<>();
        for (Counter counter : this.counters) {
            empty.put(counter.group(), Map.of());
        }
        this.snapshot = new AtomicReference<>(new Snapshot(
                new Model(
                        0,
                        clock.instant(),
                        Collections.unmodifiableMap(empty),
                        List.of(),
                        List.of(),
                        List.of(),
                        true,
                        UserState.empty(clock.instant())),
                0));
    }

    /** The state now; lock-free. */
    CompositeServiceState current() {
        Snapshot current = snapshot.get();
        CompositeServiceState view = current.view;
        if (view == null) {
            view = view(current.model);
            current.view = view;
        }
        return view;
    }

    /** Increases with every change of the state; equal numbers mean nothing changed in between. */
    long changes() {
        return snapshot.get().changes;
    }

    /** Whether the first reload completed. */
    boolean initialized() {
        lock.lock();
        try {
            return initialized;
        } finally {
            lock.unlock();
        }
    }

    /** Events of counted resources were applied since the counts were last read. */
    boolean countsStale() {
        lock.lock();
        try {
            return countsStale;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Clears the stale mark and says whether it was set; call it just before reading the counts, and
     * {@link #recounted} with what was read (or {@link #markCountsStale} if the read failed).
     */
    boolean takeCountsStale() {
        lock.lock();
        try {
            boolean stale = countsStale;
            countsStale = false;
            return stale;
        } finally {
            lock.unlock();
        }
    }

    void markCountsStale() {
        lock.lock();
        try {
            countsStale = true;
        } finally {
            lock.unlock();
        }
    }

    /** Counts read from SQL after {@link #takeCountsStale}; a change only when they differ. */
    void recounted(Map<String, Map<String, Long>> counts) {
        lock.lock();
        try {
            Model model = snapshot.get().model;
            Map<String, Map<String, Long>> next = immutable(counts);
            if (next.equals(model.counts())) {
                return;
            }
            publish(new Model(
                    model.version(),
                    clock.instant(),
                    next,
                    model.recentOrders(),
                    model.recentJobs(),
                    model.queue(),
                    model.queueComplete(),
                    model.users()));
        } finally {
            lock.unlock();
        }
    }

    /** The queue lost tasks it cannot replace from events: it needs a refill. */
    boolean queueDirty() {
        return queueDirty;
    }

    /** Applies one client event (transient events, such as {@code state.updated} itself, are ignored). */
    void apply(ClientEvent event) {
        if (!event.persistent()) {
            return;
        }
        lock.lock();
        try {
            Recording active = recording;
            if (active != null) {
                active.events.add(event);
            }
            if (concernsCounts(event)) {
                countsStale = true;
            }
            Model model = snapshot.get().model;
            Model next = applyToLists(
                    new Model(
                            Math.max(model.version(), event.id()),
                            clock.instant(),
                            model.counts(),
                            model.recentOrders(),
                            model.recentJobs(),
                            model.queue(),
                            model.queueComplete(),
                            model.users()),
                    event);
            publish(next);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a reload: from now on applied events are recorded, to be re-applied to what it loads. Returns
     * the version it starts from: {@code position}, the realtime log's delivered position ({@code
     * ClientEvents.position()}), is ahead of this state's version only before the first event reached it.
     */
    long beginReload(long position) {
        lock.lock();
        try {
            if (recording != null) {
                throw new IllegalStateException("a reload is already running");
            }
            long start = Math.max(snapshot.get().model.version(), position);
            recording = new Recording();
            return start;
        } finally {
            lock.unlock();
        }
    }

    /** Gives up a reload that failed; the state stays as it was. */
    void abortReload() {
        lock.lock();
        try {
            recording = null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a full reload and ends the recording: the lists get the recorded events again; the counts are
     * stale if any recorded event concerns them (the snapshot may not have seen it).
     */
    void completeResync(Loaded loaded) {
        lock.lock();
        try {
            Recording active = requireRecording();
            recording = null;
            Map<String, Map<String, Long>> counts = immutable(loaded.counts());
            countsStale = active.events.stream().anyMatch(this::concernsCounts);
            initialized = true;
            queueDirty = false;
            Model model = snapshot.get().model;
            Model next = new Model(
                    model.version(),
                    clock.instant(),
                    counts,
                    List.copyOf(loaded.recentOrders()),
                    List.copyOf(loaded.recentJobs()),
                    List.copyOf(loaded.queue().tasks()),
                    loaded.queue().complete(),
                    model.users());
            for (ClientEvent event : active.events) {
                next = applyToLists(next, event);
            }
            publish(next);
        } finally {
            lock.unlock();
        }
    }

    /** Replaces the agent task queue with a fresh read and re-applies the events that raced it. */
    void completeQueueRefill(QueueLoaded loaded) {
        lock.lock();
        try {
            Recording active = requireRecording();
            recording = null;
            queueDirty = false;
            Model model = snapshot.get().model;
            Model next = new Model(
                    model.version(),
                    clock.instant(),
                    model.counts(),
                    model.recentOrders(),
                    model.recentJobs(),
                    List.copyOf(loaded.tasks()),
                    loaded.complete(),
                    model.users());
            for (ClientEvent event : active.events) {
                if (event.resourceType().equals(AGENT_TASK)) {
                    next = applyToLists(next, event);
                }
            }
            publish(next);
        } finally {
            lock.unlock();
        }
    }

    /** New user figures; nothing changes (no {@code state.updated}) when they are the same as before. */
    void users(UserState users) {
        lock.lock();
        try {
            Model model = snapshot.get().model;
            if (model.users().sameFigures(users)) {
                return;
            }
            publish(new Model(
                    model.version(),
                    clock.instant(),
                    model.counts(),
                    model.recentOrders(),
                    model.recentJobs(),
                    model.queue(),
                    model.queueComplete(),
                    users));
        } finally {
            lock.unlock();
        }
    }

    // --- rules ---------------------------------------------------------------------------------------

    private Recording requireRecording() {
        Recording active = recording;
        if (active == null) {
            throw new IllegalStateException("no reload is running");
        }
        return active;
    }

    private void publish(Model next) {
        snapshot.set(new Snapshot(next, snapshot.get().changes + 1));
    }

    private boolean concernsCounts(ClientEvent event) {
        return counters.stream().anyMatch(counter -> counter.concerns(event));
    }

    private Model applyToLists(Model model, ClientEvent event) {
        return switch (event.resourceType()) {
            case ORDER ->
                read(event, OrderSnapshot.class)
                        .map(order -> withRecentOrders(
                                model,
                                upsertRecent(
                                        model.recentOrders(),
                                        RecentOrder.of(order),
                                        RecentOrder::id,
                                        NEWEST_ORDERS,
                                        recentItems)))
                        .orElse(model);
            case JOB ->
                read(event, Job.class)
                        .map(job -> withRecentJobs(
                                model,
                                upsertRecent(
                                        model.recentJobs(),
                                        RecentJob.of(job),
                                        RecentJob::id,
                                        NEWEST_JOBS,
                                        recentItems)))
                        .orElse(model);
            case AGENT_TASK ->
                read(event, AgentTaskView.class)
                        .map(task -> withTask(model, task))
                        .orElse(model);
            default -> model;
        };
    }

    /**
     * Puts an item into a newest-first list of at most {@code limit}, replacing the same resource. A list
     * shorter than the limit holds every resource there is, so a resource not in it is added wherever it
     * sorts; in a full list, only if it sorts before the last.
     */
    static <T> List<T> upsertRecent(List<T> list, T item, Function<T, UUID> id, Comparator<T> order, int limit) {
        List<T> next = new ArrayList<>(list);
        boolean present = next.removeIf(existing -> id.apply(existing).equals(id.apply(item)));
        if (!present && list.size() >= limit && order.compare(item, list.getLast()) > 0) {
            return list;
        }
        next.add(item);
        next.sort(order);
        return List.copyOf(next.size() > limit ? next.subList(0, limit) : next);
    }

    /**
     * The task leaves the queue, and comes back in its place while open. The model keeps up to twice the
     * queue size, so a few tasks can end before the queue needs a refill from SQL; {@code queueComplete}
     * says whether it holds every open task (then any open task belongs in it).
     */
    private Model withTask(Model model, AgentTaskView task) {
        int window = queueSize * 2;
        List<AgentTaskView> next = new ArrayList<>(model.queue());
        next.removeIf(existing -> existing.id().equals(task.id()));
        boolean complete = model.queueComplete();
        boolean open = task.status().isOpen();
        if (open && (complete || (!next.isEmpty() && SERVING_ORDER.compare(task, next.getLast()) < 0))) {
            next.add(task);
            next.sort(SERVING_ORDER);
        }
        if (next.size() > window) {
            next = new ArrayList<>(next.subList(0, window));
            complete = false;
        }
        if (!complete && next.size() < queueSize) {
            queueDirty = true;
        }
        return new Model(
                model.version(),
                model.lastUpdated(),
                model.counts(),
                model.recentOrders(),
                model.recentJobs(),
                List.copyOf(next),
                complete,
                model.users());
    }

    private static Model withRecentOrders(Model model, List<RecentOrder> orders) {
        return new Model(
                model.version(),
                model.lastUpdated(),
                model.counts(),
                orders,
                model.recentJobs(),
                model.queue(),
                model.queueComplete(),
                model.users());
    }

    private static Model withRecentJobs(Model model, List<RecentJob> jobs) {
        return new Model(
                model.version(),
                model.lastUpdated(),
                model.counts(),
                model.recentOrders(),
                jobs,
                model.queue(),
                model.queueComplete(),
                model.users());
    }

    /** The event's resource, read back from the payload it was rendered into. */
    private <T> Optional<T> read(ClientEvent event, Class<T> type) {
        ObjectNode resource = event.payload().deepCopy();
        resource.remove("previousStatus");
        try {
            return Optional.of(json.treeToValue(resource, type));
        } catch (JacksonException e) {
            log.debug(
                    "Event {} ({}) does not carry a whole {}; the lists skip it: {}",
                    event.id(),
                    event.type(),
                    type.getSimpleName(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    private CompositeServiceState view(Model model) {
        Map<String, Long> tasks = model.counts().getOrDefault(AgentTaskCounter.GROUP, Map.of());
        List<AgentStatus> agents = new ArrayList<>();
        long open = 0;
        for (AgentType type : AgentType.values()) {
            String prefix = type.value() + ".";
            long submitted = tasks.getOrDefault(prefix + AgentTaskStatus.SUBMITTED.value(), 0L);
            long working = tasks.getOrDefault(prefix + AgentTaskStatus.WORKING.value(), 0L);
            long withDuration = tasks.getOrDefault(prefix + "withDuration", 0L);
            long duration = tasks.getOrDefault(prefix + "durationMs", 0L);
            open += submitted + working;
            agents.add(new AgentStatus(
                    type.id(),
                    type,
                    type.displayName(),
                    working > 0 ? AgentStatus.Status.BUSY : AgentStatus.Status.IDLE,
                    submitted,
                    working,
                    tasks.getOrDefault(prefix + AgentTaskStatus.COMPLETED.value(), 0L),
                    tasks.getOrDefault(prefix + AgentTaskStatus.FAILED.value(), 0L),
                    tasks.getOrDefault(prefix + AgentTaskStatus.CANCELLED.value(), 0L),
                    withDuration == 0 ? 0 : Math.round((double) duration / withDuration)));
        }
        Map<String, Map<String, Long>> business = new LinkedHashMap<>();
        model.counts().forEach((group, counts) -> {
            if (!group.equals(AgentTaskCounter.GROUP)) {
                business.put(group, counts);
            }
        });
        List<AgentTaskView> queue = model.queue();
        return new CompositeServiceState(
                model.version(),
                model.lastUpdated(),
                new AgentState(agents, open, queue.size() > queueSize ? queue.subList(0, queueSize) : queue),
                new BusinessState(Collections.unmodifiableMap(business), model.recentOrders(), model.recentJobs()),
                model.users());
    }

    private static Map<String, Map<String, Long>> immutable(Map<String, Map<String, Long>> counts) {
        Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
        counts.forEach((group, values) -> copy.put(group, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        return Collections.unmodifiableMap(copy);
    }
}
