package dev.miyabi.platform.aijobs.internal;

import dev.miyabi.platform.shared.database.DedicatedConnections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the other instances, by PostgreSQL {@code NOTIFY} on {@link JobQueue#CHANNEL}, that jobs of a type
 * became claimable. Sent <em>after</em> the commit that made them claimable, from one connection of its own
 * (not the pool's) and one thread, and coalesced: the types announced while a notification is on its way go
 * out together in the next one, one {@code NOTIFY} per type.
 *
 * <p>Why not in the enqueue's transaction: PostgreSQL serialises the commits of all transactions that
 * notify (a global lock held through the commit's WAL flush), so a {@code NOTIFY} per enqueue caps the
 * enqueue rate at one commit at a time. Here only this thread's short transactions notify.
 *
 * <p>Best effort by design: a notification lost (crash between the commit and the send, connection down)
 * costs only latency, because every instance's dispatcher also polls every {@code miyabi.jobs.poll-interval}.
 * While the connection is down announcements are dropped and reconnection is retried with backoff.
 */
final class JobNotifier implements AutoCloseable {

    /** Opens the notifier's own connection. */
    @FunctionalInterface
    interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(JobNotifier.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final ConnectionFactory connections;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition announced = lock.newCondition();
    private final Set<String> pending = new LinkedHashSet<>();
    private boolean closed;
    private @Nullable Thread sender;
    private @Nullable Connection connection;

    JobNotifier(ConnectionFactory connections, String name) {
        this.connections = connections;
        this.name = name;
    }

    /** A notifier that never sends (an instance alone, or tests that want only the poll). */
    static JobNotifier disabled() {
        JobNotifier notifier = new JobNotifier(
                () -> {
                    throw new SQLException("notifications disabled");
                },
                "disabled");
        notifier.closed = true;
        return notifier;
    }

    /**
     * A connection of its own outside the pool, built from the pool's settings; only a non-Hikari data source
     * lends one of its own (held while the notifier lives).
     */
    static ConnectionFactory connections(DataSource dataSource) {
        return () -> DedicatedConnections.open(dataSource, "miyabi-jobs-notifier", Map.of("socketTimeout", "30"));
    }

    /** Asks for a {@code NOTIFY} of {@code type} soon; never blocks on the database. Call after commit. */
    void announce(String type) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            pending.add(type);
            if (sender == null) {
                sender = Thread.ofPlatform()
                        .daemon()
                        .name("jobs-notifier-" + name)
                        .start(this::send);
            }
            announced.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        Thread running;
        lock.lock();
        try {
            closed = true;
            running = sender;
            announced.signalAll();
        } finally {
            lock.unlock();
        }
        if (running != null) {
            try {
                running.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeConnection();
    }

    private void send() {
        Duration retry = FIRST_RETRY;
        boolean failing = false;
        while (true) {
            List<String> types;
            lock.lock();
            try {
                while (pending.isEmpty() && !closed) {
                    announced.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                types = List.copyOf(pending);
                pending.clear();
            } finally {
                lock.unlock();
            }
            try {
                notify(types);
                if (failing) {
                    failing = false;
                    retry = FIRST_RETRY;
                    log.warn("Job notifications from {} are sent again", name);
                }
            } catch (SQLException | RuntimeException e) {
                closeConnection();
                // Dropped: the other instances' poll finds these jobs. Once per outage, not per attempt.
                if (!failing) {
                    failing = true;
                    log.warn(
                            "Could not notify other instances of new jobs from {}; they find them by polling"
                                    + " until the connection is back (retrying in {})",
                            name,
                            retry,
                            e);
                } else {
                    log.debug("Job notifications from {} still fail", name, e);
                }
                pause(retry);
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            }
        }
    }

    private void notify(List<String> types) throws SQLException {
        Connection current = connection;
        if (current == null) {
            current = connections.open();
            current.setAutoCommit(true);
            connection = current;
        }
        try (PreparedStatement statement =
                current.prepareStatement("SELECT pg_notify(?, t) FROM unnest(?::text[]) AS t")) {
            statement.setString(1, JobQueue.CHANNEL);
            statement.setArray(2, current.createArrayOf("text", types.toArray()));
            statement.executeQuery().close();
        }
    }

    private void pause(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        lock.lock();
        try {
            long left;
            while (!closed && (left = deadline - System.nanoTime()) > 0) {
                announced.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void closeConnection() {
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException e) {
                log.debug("Closing the job notifier's connection failed", e);
            }
        }
    }
}
