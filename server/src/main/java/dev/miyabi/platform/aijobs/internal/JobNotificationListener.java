package dev.miyabi.platform.aijobs.internal;

import dev.miyabi.platform.shared.database.DedicatedConnections;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the queue's PostgreSQL channel on one connection of its own, outside the pool ({@code
 * application_name = miyabi-jobs-listener}), and reports each notified job type, so that jobs enqueued on
 * another instance start at once. On connection loss it reconnects with backoff and reports {@code null}
 * (something may have been missed).
 */
final class JobNotificationListener {

    private static final Logger log = LoggerFactory.getLogger(JobNotificationListener.class);
    private static final int WAIT_MILLIS = 500;

    private final DataSource dataSource;
    private final String instanceId;
    private final Consumer<@Nullable String> onNotification;
    private volatile boolean running;
    private volatile boolean listening;
    private @Nullable Thread thread;

    JobNotificationListener(DataSource dataSource, String instanceId, Consumer<@Nullable String> onNotification) {
        this.dataSource = dataSource;
        this.instanceId = instanceId;
        this.onNotification = onNotification;
    }

    void start() {
        running = true;
        thread =
                Thread.ofPlatform().daemon().name("jobs-listener-" + instanceId).start(this::listen);
    }

    /** Whether notifications are being received now. */
    boolean isListening() {
        return listening;
    }

    void stop() {
        running = false;
        Thread worker = thread;
        if (worker != null) {
            try {
                worker.join(Duration.ofMillis(WAIT_MILLIS * 4L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void listen() {
        Duration retry = Duration.ofMillis(500);
        while (running) {
            try (Connection connection = DedicatedConnections.open(dataSource, "miyabi-jobs-listener", Map.of())) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + JobQueue.CHANNEL);
                }
                retry = Duration.ofMillis(500);
                listening = true;
                onNotification.accept(null);
                try {
                    receive(connection.unwrap(PGConnection.class));
                } finally {
                    listening = false;
                    // A data source that is not Hikari's lends a pooled connection: it must not keep listening.
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("UNLISTEN *");
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Job notifications on {} interrupted; reconnecting in {}", instanceId, retry, e);
                java.util.concurrent.locks.LockSupport.parkNanos(retry.toNanos());
                retry = retry.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                        ? Duration.ofSeconds(30)
                        : retry.multipliedBy(2);
            }
        }
    }

    private void receive(PGConnection connection) throws SQLException {
        while (running) {
            PGNotification[] notifications = connection.getNotifications(WAIT_MILLIS);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    onNotification.accept(notification.getParameter());
                }
            }
        }
    }
}
