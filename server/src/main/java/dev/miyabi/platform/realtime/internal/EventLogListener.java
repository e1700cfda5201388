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
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
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
 * table, so a missed notification loses nothing: the next notification or the safety-net poll
 * ({@code poll-interval}) reads it. When the connection breaks, the listener reconnects with a
 * growing delay, {@code LISTEN}s again and catches up from its cursor.
 *
 * <p><b>Commit order.</b> Ids come from a sequence when a row is inserted, but transactions commit
 * in any order: id 11 can be visible while id 10 is still uncommitted, and delivering 11 would move
 * every cursor (this one, the clients' {@code lastEventId}) past 10 for good. So the listener
 * delivers only up to a <em>safe</em> id, below which every transaction that took an id has ended.
 * An appending transaction takes a shared advisory lock before its id ({@link LoggedEvents#insert})
 * and holds it to its end; the listener reads the sequence's last value {@code c}, then which
 * transactions hold that lock. Once none of those holds it any more, every id up to {@code c} is
 * committed (and visible) or rolled back (and never will be). Events are then delivered in id order,
 * none is skipped, and an id below the cursor never appears later. The cost: an appending
 * transaction that stays open holds later events back until it ends (other transactions do not); a
 * warning names it after {@link #HELD_BACK_WARNING}.
 */
class EventLogListener {

    private static final Logger log = LoggerFactory.getLogger(EventLogListener.class);
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(30);
    /** How soon the safe id is checked again while events are held back. */
    private static final Duration HELD_BACK_RECHECK = Duration.ofMillis(10);
    /** How long the start waits for the transactions open at that moment to end. */
    private static final Duration START_WAIT = Duration.ofSeconds(10);

    static final Duration HELD_BACK_WARNING = Duration.ofSeconds(30);

    /** Opens the listener's own connection. */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    /** Every id up to {@code id} is final once none of the {@code appending} transactions is running. */
    private record Mark(long id, Set<String> appending, Instant taken) {}

    private final ConnectionFactory connections;
    private final EventDispatcher dispatcher;
    private final JsonMapper json;
    private final RealtimeProperties properties;
    private final Clock clock;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong notifications = new AtomicLong();
    private volatile boolean connected;
    private volatile int backendPid;
    private volatile Thread thread;
    private volatile Connection connection;

    // Touched by the listener thread only (and by start() before it runs).
    private long cursor = -1;
    private final Deque<Mark> marks = new ArrayDeque<>();
    private boolean warned;

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
     * Connects, takes the end of the log as its starting point and follows it on a thread of its own.
     * Fails when the database cannot be reached at all, so a broken configuration shows at start.
     */
    public void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            connect();
            long start = startingPoint();
            cursor = start;
            dispatcher.advanceTo(start);
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

    /** Until the next safety-net poll, or soon while appended ids wait for their transactions. */
    private int waitMillis() {
        Duration wait = marks.isEmpty() ? properties.pollInterval() : min(properties.pollInterval(), HELD_BACK_RECHECK);
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
     * The last id taken when the instance starts, once the transactions that might still commit an id
     * up to it have ended — waiting at most {@link #START_WAIT}, after which a transaction still open
     * may commit an event this instance will not deliver live (a replay still finds it in the log).
     */
    private long startingPoint() throws SQLException {
        Instant deadline = clock.instant().plus(START_WAIT);
        long taken = lastTaken();
        Set<String> appending = appending();
        while (!Collections.disjoint(appending, appending())) {
            if (clock.instant().isAfter(deadline)) {
                log.warn(
                        "Transactions open since before this instance started still hold event ids up to {};"
                                + " events they commit are not delivered live here",
                        taken);
                break;
            }
            if (!pause(HELD_BACK_RECHECK)) {
                break;
            }
        }
        return taken;
    }

    /** Delivers every event up to the safe id, in id order. */
    void catchUp() throws SQLException {
        long safe = safeId();
        while (cursor < safe && running.get()) {
            List<ClientEvent> events = read(cursor, safe, properties.batchSize());
            for (ClientEvent event : events) {
                cursor = event.id();
                dispatcher.dispatch(event, true);
            }
            if (events.size() < properties.batchSize()) {
                cursor = safe;
                dispatcher.advanceTo(safe);
            }
        }
    }

    /**
     * Notes the ids taken since the last call, then returns the highest id whose transactions, and
     * those of all lower ids, have ended.
     */
    private long safeId() throws SQLException {
        long taken = lastTaken();
        Set<String> appending = appending();
        long safe = cursor;
        while (!marks.isEmpty() && Collections.disjoint(marks.peekFirst().appending(), appending)) {
            safe = marks.removeFirst().id();
            warned = false;
        }
        Mark newest = marks.peekLast();
        if (taken > Math.max(safe, newest != null ? newest.id() : cursor)) {
            if (appending.isEmpty()) {
                safe = taken;
            } else {
                marks.addLast(new Mark(taken, appending, clock.instant()));
            }
        }
        Mark waiting = marks.peekFirst();
        if (waiting != null
                && !warned
                && Duration.between(waiting.taken(), clock.instant()).compareTo(HELD_BACK_WARNING) > 0) {
            warned = true;
            log.warn(
                    "Realtime events after {} are held back by appending transactions open for more than {}: {}"
                            + " (pg_locks.virtualtransaction)",
                    safe,
                    HELD_BACK_WARNING,
                    waiting.appending());
        }
        return safe;
    }

    /** The last id taken from the sequence. */
    private long lastTaken() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM event_log_id_seq")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The transactions (virtual ids) appending right now: those holding the appenders' lock. */
    private Set<String> appending() throws SQLException {
        Set<String> appending = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT virtualtransaction FROM pg_locks WHERE locktype = 'advisory' AND granted"
                                + " AND classid = " + (LoggedEvents.APPENDING_LOCK >>> 32)
                                + " AND objid = " + (LoggedEvents.APPENDING_LOCK & 0xFFFF_FFFFL)
                                + " AND objsubid = 1")) {
            while (rs.next()) {
                appending.add(rs.getString(1));
            }
        }
        return appending;
    }

    private List<ClientEvent> read(long after, long upTo, int limit) throws SQLException {
        List<ClientEvent> events = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + LoggedEvents.COLUMNS + " FROM event_log WHERE id > ? AND id <= ? ORDER BY id LIMIT ?")) {
            statement.setLong(1, after);
            statement.setLong(2, upTo);
            statement.setInt(3, limit);
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
