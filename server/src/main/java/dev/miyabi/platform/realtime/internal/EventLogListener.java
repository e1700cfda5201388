package dev.miyabi.platform.realtime.internal;

import dev.miyabi.platform.realtime.ClientEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows {@code event_log} for one instance and hands each event to the {@link EventDispatcher}.
 *
 * <p>It holds one dedicated connection (not from the pool) on which it {@code LISTEN}s. A
 * notification only says "something was appended"; the events themselves are always read from the
 * table with {@code WHERE id > :cursor ORDER BY id}, so a missed notification loses nothing: the
 * next notification or the safety-net poll ({@code poll-interval}) reads it. When the connection
 * breaks, the listener reconnects with a growing delay, {@code LISTEN}s again and catches up from
 * its cursor.
 *
 * <p><b>Gaps.</b> Ids come from a sequence when a row is inserted, but transactions commit in any
 * order: id 11 can be visible while id 10 is still uncommitted. Advancing the cursor past 10 would
 * lose it. So an event behind a missing id is held back until the id appears (its commit sends a
 * notification, so this is usually milliseconds) or until the event has been visible for {@code
 * gap-grace} — then the missing id is presumed rolled back and skipped, keeping order for everyone
 * else. A skipped range is re-read on every wake-up for {@code late-window}: if its transaction
 * commits after all, the event is delivered late (out of order) rather than lost. We chose this over
 * ordering by transaction ids ({@code pg_snapshot_xmin}), which would let any long-running writing
 * transaction in the database stall all realtime delivery, and over re-reading a fixed window, which
 * repeats work on every read and still needs a cut-off.
 */
class EventLogListener {

    private static final Logger log = LoggerFactory.getLogger(EventLogListener.class);
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(30);
    private static final int MAX_LATE_RANGES = 1_000;

    /** Opens the listener's own connection. */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private record LateRange(long from, long to, Instant until) {}

    private final ConnectionFactory connections;
    private final EventDispatcher dispatcher;
    private final JsonMapper json;
    private final RealtimeProperties properties;
    private final Clock clock;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong notifications = new AtomicLong();
    private final AtomicLong lateDeliveries = new AtomicLong();
    private final AtomicLong skippedIds = new AtomicLong();
    private volatile boolean connected;
    private volatile int backendPid;
    private volatile Thread thread;
    private volatile Connection connection;

    // Touched by the listener thread only.
    private long cursor = -1;
    private final Map<Long, Instant> firstSeen = new HashMap<>();
    private final Deque<LateRange> lateRanges = new ArrayDeque<>();
    private final Set<Long> deliveredLate = new HashSet<>();

    public EventLogListener(
            ConnectionFactory connections,
            EventDispatcher dispatcher,
            JsonMapper json,
            RealtimeProperties properties,
            Clock clock) {
        this.connections = connections;
        this.dispatcher = dispatcher;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Connects, takes the current end of the log as its starting point and follows it on a thread
     * of its own. Fails when the database cannot be reached at all, so a broken configuration shows
     * at start.
     */
    public void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            connect();
            long start = startingPoint();
            cursor = start;
            dispatcher.startAt(start);
        } catch (SQLException e) {
            running.set(false);
            closeConnection();
            throw new IllegalStateException("The realtime listener cannot reach the database", e);
        }
        thread =
                Thread.ofPlatform().name("realtime-event-log-listener").daemon().start(this::run);
    }

    public void stop() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        Thread current = thread;
        closeConnection();
        if (current != null) {
            current.interrupt();
            try {
                current.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isConnected() {
        return connected;
    }

    /** The PostgreSQL backend of the listening connection (0 when disconnected). */
    public int backendPid() {
        return backendPid;
    }

    public long reconnects() {
        return reconnects.get();
    }

    public long notifications() {
        return notifications.get();
    }

    public long lateDeliveries() {
        return lateDeliveries.get();
    }

    public long skippedIds() {
        return skippedIds.get();
    }

    private void run() {
        Duration delay = properties.reconnectDelay();
        while (running.get()) {
            try {
                if (connection == null) {
                    connect();
                    reconnects.incrementAndGet();
                    log.info("Realtime listener reconnected; catching up after event {}", cursor);
                }
                catchUp();
                delay = properties.reconnectDelay();
                PGNotification[] received =
                        connection.unwrap(PGConnection.class).getNotifications(waitMillis());
                if (received != null && received.length > 0) {
                    notifications.addAndGet(received.length);
                }
            } catch (SQLException | RuntimeException e) {
                if (!running.get()) {
                    break;
                }
                log.warn("Realtime listener lost its connection ({}); reconnecting in {}", e.getMessage(), delay);
                closeConnection();
                if (!pause(delay)) {
                    break;
                }
                delay = min(delay.multipliedBy(2), MAX_RECONNECT_DELAY);
            }
        }
        closeConnection();
    }

    /** Until the next safety-net poll, or sooner when a held-back event's grace runs out. */
    private int waitMillis() {
        Duration wait = properties.pollInterval();
        if (!firstSeen.isEmpty()) {
            Instant now = clock.instant();
            Instant earliest =
                    firstSeen.values().stream().min(Instant::compareTo).orElse(now);
            Duration left = Duration.between(now, earliest.plus(properties.gapGrace()));
            wait = min(wait, left.isNegative() ? Duration.ZERO : left);
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, wait.toMillis()));
    }

    private void connect() throws SQLException {
        Connection opened = connections.open();
        try {
            opened.setAutoCommit(true);
            try (Statement statement = opened.createStatement()) {
                statement.execute("LISTEN " + LoggedEvents.CHANNEL);
                try (ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    backendPid = rs.getInt(1);
                }
            }
        } catch (SQLException e) {
            opened.close();
            throw e;
        }
        connection = opened;
        connected = true;
    }

    /**
     * The end of the log when the instance starts. Ids missing among the most recent ones may belong
     * to transactions still running: they are watched like skipped gaps, so they are not lost.
     */
    private long startingPoint() throws SQLException {
        long max;
        List<Long> recent = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT coalesce(max(id), 0) FROM event_log")) {
            rs.next();
            max = rs.getLong(1);
        }
        long from = Math.max(0, max - properties.batchSize());
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT id FROM event_log WHERE id > ? AND id <= ? ORDER BY id")) {
            statement.setLong(1, from);
            statement.setLong(2, max);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    recent.add(rs.getLong(1));
                }
            }
        }
        long expected = from + 1;
        Instant until = clock.instant().plus(properties.lateWindow());
        for (long id : recent) {
            if (id > expected) {
                watchLate(expected, id - 1, until);
            }
            expected = id + 1;
        }
        return max;
    }

    /** Delivers everything readable after the cursor (holding back behind gaps), then late events. */
    void catchUp() throws SQLException {
        boolean more = true;
        while (more && running.get()) {
            List<ClientEvent> events = read(cursor, properties.batchSize());
            Instant now = clock.instant();
            int delivered = 0;
            for (ClientEvent event : events) {
                firstSeen.putIfAbsent(event.id(), now);
            }
            for (ClientEvent event : events) {
                if (event.id() != cursor + 1) {
                    Instant seen = firstSeen.get(event.id());
                    if (Duration.between(seen, now).compareTo(properties.gapGrace()) < 0) {
                        break;
                    }
                    skip(cursor + 1, event.id() - 1, now);
                }
                cursor = event.id();
                firstSeen.remove(event.id());
                dispatcher.dispatch(event, true);
                delivered++;
            }
            firstSeen.keySet().removeIf(id -> id <= cursor);
            more = events.size() == properties.batchSize() && delivered == events.size();
        }
        deliverLate();
    }

    private void skip(long from, long to, Instant now) {
        skippedIds.addAndGet(to - from + 1);
        log.debug("Event ids {}..{} did not appear within the gap grace; delivering past them", from, to);
        watchLate(from, to, now.plus(properties.lateWindow()));
    }

    private void watchLate(long from, long to, Instant until) {
        lateRanges.addLast(new LateRange(from, to, until));
        while (lateRanges.size() > MAX_LATE_RANGES) {
            lateRanges.removeFirst();
        }
    }

    private void deliverLate() throws SQLException {
        Instant now = clock.instant();
        lateRanges.removeIf(range -> range.until().isBefore(now));
        if (lateRanges.isEmpty()) {
            deliveredLate.clear();
            return;
        }
        long lowest = lateRanges.stream().mapToLong(LateRange::from).min().orElseThrow();
        deliveredLate.removeIf(id -> id < lowest);
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < lateRanges.size(); i++) {
            where.append(i == 0 ? "" : " OR ").append("id BETWEEN ? AND ?");
        }
        List<ClientEvent> late = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + LoggedEvents.COLUMNS + " FROM event_log WHERE " + where + " ORDER BY id")) {
            int index = 1;
            for (LateRange range : lateRanges) {
                statement.setLong(index++, range.from());
                statement.setLong(index++, range.to());
            }
            statement.setQueryTimeout(30);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    late.add(LoggedEvents.map(rs, json));
                }
            }
        }
        for (ClientEvent event : late) {
            if (event.id() <= cursor && deliveredLate.add(event.id())) {
                lateDeliveries.incrementAndGet();
                log.info("Event {} ({}) committed after the gap grace; delivered late", event.id(), event.type());
                dispatcher.dispatch(event, false);
            }
        }
    }

    private List<ClientEvent> read(long after, int limit) throws SQLException {
        List<ClientEvent> events = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + LoggedEvents.COLUMNS + " FROM event_log WHERE id > ? ORDER BY id LIMIT ?")) {
            statement.setLong(1, after);
            statement.setInt(2, limit);
            statement.setQueryTimeout(30);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    events.add(LoggedEvents.map(rs, json));
                }
            }
        }
        return events;
    }

    private void closeConnection() {
        Connection current = connection;
        connection = null;
        connected = false;
        backendPid = 0;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException e) {
                log.debug("Closing the realtime listener's broken connection failed: {}", e.getMessage());
            }
        }
    }

    private boolean pause(Duration delay) {
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
