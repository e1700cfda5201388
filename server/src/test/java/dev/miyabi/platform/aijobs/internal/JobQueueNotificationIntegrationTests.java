package dev.miyabi.platform.aijobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.miyabi.platform.aijobs.JobStatus;
import dev.miyabi.platform.aijobs.NewJob;
import dev.miyabi.platform.support.ModuleTest;
import dev.miyabi.platform.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * How other instances learn of new jobs: a {@code NOTIFY} sent after the enqueue's commit, coalesced, from
 * the {@link JobNotifier}'s own connection, and the poll when that notification never goes out.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "shared", verifyAutomatically = false)
@TestInstance(TestInstance.Lifecycle.PER_METHOD)
class JobQueueNotificationIntegrationTests extends ModuleTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DataSource dataSource;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private UUID owner;

    @BeforeEach
    void createOwner() {
        owner = jdbc.sql("INSERT INTO users (email, name) VALUES (:email, 'Notify test') RETURNING id")
                .param("email", "notify-" + UUID.randomUUID() + "@example.test")
                .query(UUID.class)
                .single();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }

    @Test
    void aCommittedJobWhoseNotificationNeverWentOutIsRunByAnotherInstanceWithinThePollInterval() throws Exception {
        String type = type("lost-notify");
        Listener listener = listen();
        QueueFixture worker = fixture(QueueFixture.settings()
                .poll(Duration.ofSeconds(1))
                .handler(QueueFixture.noOpHandler(type))
                .build(jdbc, transactions, dataSource)
                .start());
        // The enqueuing instance never notifies (as when it crashed between its commit and the NOTIFY).
        QueueFixture api = fixture(QueueFixture.settings().notifyOthers(false).build(jdbc, transactions, dataSource));
        await().atMost(Duration.ofSeconds(10)).until(worker::listening);

        long started = System.nanoTime();
        UUID id = api.queue.enqueue(NewJob.of(type, NODES.objectNode(), owner)).id();
        await().atMost(Duration.ofSeconds(5)).until(() -> status(id) == JobStatus.COMPLETED);

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("found by the 1 s poll")
                .isLessThan(Duration.ofSeconds(4));
        assertThat(listener.payloads())
                .as("the enqueue's transaction itself sends no NOTIFY")
                .doesNotContain(type);
    }

    @Test
    void theNotificationAfterCommitReachesAnotherInstanceWhoseWorkersDoNotPoll() throws Exception {
        String type = type("after-commit");
        QueueFixture worker = fixture(QueueFixture.settings()
                .poll(Duration.ofHours(1))
                .handler(QueueFixture.noOpHandler(type))
                .build(jdbc, transactions, dataSource)
                .start());
        QueueFixture api = fixture(QueueFixture.settings().build(jdbc, transactions, dataSource));
        await().atMost(Duration.ofSeconds(10)).until(worker::listening);
        Listener listener = listen();

        // Enqueued in a caller's transaction: nothing is announced until it commits.
        List<UUID> ids = new TransactionTemplate(transactions).execute(status -> {
            List<UUID> enqueued = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                enqueued.add(api.queue
                        .enqueue(NewJob.of(type, NODES.objectNode(), owner))
                        .id());
            }
            // Whatever the notifier had been asked to send by now goes out before this marker.
            String marker = type("marker");
            api.notifier.announce(marker);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> listener.payloads().contains(marker));
            assertThat(listener.payloads()).doesNotContain(type);
            return enqueued;
        });

        await().atMost(Duration.ofSeconds(10))
                .until(() -> ids.stream().allMatch(id -> status(id) == JobStatus.COMPLETED));
        assertThat(listener.payloads()).contains(type);
        assertThat(listener.payloads().stream().filter(type::equals).count())
                .as("one transaction's 20 jobs: their announcements coalesce")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void announcementsMadeWhileANotificationIsOnItsWayGoOutTogetherOncePerType() throws Exception {
        String a = type("coalesce-a");
        String b = type("coalesce-b");
        Listener listener = listen();
        CountDownLatch connect = new CountDownLatch(1);
        JobNotifier notifier = closeLater(new JobNotifier(
                () -> {
                    awaitLatch(connect);
                    return JobNotifier.connections(dataSource).open();
                },
                "test-coalesce"));

        for (int i = 0; i < 100; i++) {
            notifier.announce(a);
            notifier.announce(b);
        }
        connect.countDown();

        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        listener.payloads().contains(a) && listener.payloads().contains(b));
        // One connection sends in order: once a later marker arrived, nothing more of a or b is on its way.
        String marker = type("coalesce-marker");
        notifier.announce(marker);
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.payloads().contains(marker));
        assertThat(listener.payloads().stream().filter(a::equals).count()).isBetween(1L, 2L);
        assertThat(listener.payloads().stream().filter(b::equals).count()).isBetween(1L, 2L);
    }

    @Test
    void theNotifierUsesAConnectionOfItsOwnNotOneOfThePool() throws Exception {
        String type = type("own-connection");
        Listener listener = listen();
        HikariDataSource pool = poolOfOne();
        JobNotifier notifier = closeLater(new JobNotifier(JobNotifier.connections(pool), "test-own"));

        try (Connection held = pool.getConnection()) {
            assertThat(held.isValid(1)).isTrue();
            notifier.announce(type);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> listener.payloads().contains(type));
        }
    }

    @Test
    void theNotifierReconnectsAfterLosingItsConnection() throws Exception {
        String type = type("reconnect");
        Listener listener = listen();
        String name = "miyabi-jobs-notifier";
        JobNotifier notifier = closeLater(new JobNotifier(JobNotifier.connections(dataSource), "test-reconnect"));
        notifier.announce(type);
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.payloads().contains(type));

        // Its backend dies (a PostgreSQL restart, a network cut): the next announcement is dropped, the one after
        // the reconnection goes out.
        try (Connection admin = open();
                Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + name
                    + "' AND datname = current_database()");
        }
        listener.clear();
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    notifier.announce(type);
                    return listener.payloads().contains(type);
                });
    }

    @Test
    void theWorkersListenOnAConnectionOfTheirOwnAndListenAgainAfterLosingIt() throws Exception {
        HikariDataSource pool = poolOfOne();
        List<String> received = new CopyOnWriteArrayList<>();
        JobNotificationListener listener = new JobNotificationListener(pool, "test-listener", type -> {
            if (type != null) {
                received.add(type);
            }
        });
        String first = type("listened");
        String second = type("listened-again");
        // Every pooled connection is taken, as under load: the listener still gets its own.
        try (Connection held = pool.getConnection();
                Connection admin = open();
                Statement statement = admin.createStatement()) {
            assertThat(held.isValid(1)).isTrue();
            listener.start();
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        statement.execute("SELECT pg_notify('" + JobQueue.CHANNEL + "', '" + first + "')");
                        return received.contains(first);
                    });

            // Its backend dies (a PostgreSQL restart, a network cut): it connects and listens again.
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = 'miyabi-jobs-listener' AND datname = current_database()");
            await().atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        statement.execute("SELECT pg_notify('" + JobQueue.CHANNEL + "', '" + second + "')");
                        return received.contains(second);
                    });
        } finally {
            listener.stop();
        }
    }

    // --- helpers ---

    /** A pool of one connection that gives up after 250 ms: holding its connection exhausts it. */
    private HikariDataSource poolOfOne() {
        TestDatabase.Connection db = TestDatabase.get();
        HikariDataSource pool = closeLater(new HikariDataSource());
        pool.setJdbcUrl(db.url());
        pool.setUsername(db.user());
        pool.setPassword(db.password());
        pool.setMaximumPoolSize(1);
        pool.setConnectionTimeout(250);
        return pool;
    }

    /** A LISTEN on the queue's channel, as another instance has. */
    private Listener listen() throws SQLException {
        Listener listener = new Listener(open());
        closeLater(listener);
        return listener;
    }

    private static final class Listener implements AutoCloseable {
        private final Connection connection;
        private final List<String> received = new CopyOnWriteArrayList<>();

        Listener(Connection connection) throws SQLException {
            this.connection = connection;
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + JobQueue.CHANNEL);
            }
        }

        /** The payloads received so far (reads what arrived). */
        synchronized List<String> payloads() {
            PGNotification[] notifications;
            try {
                notifications = connection.unwrap(PGConnection.class).getNotifications(50);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            if (notifications != null) {
                for (PGNotification n : notifications) {
                    received.add(n.getParameter());
                }
            }
            return List.copyOf(received);
        }

        synchronized void clear() {
            payloads();
            received.clear();
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    private static Connection open() throws SQLException {
        TestDatabase.Connection db = TestDatabase.get();
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }

    private QueueFixture fixture(QueueFixture fixture) {
        closing.add(fixture);
        return fixture;
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        closing.add(closeable);
        return closeable;
    }

    private JobStatus status(UUID id) {
        return JobStatus.parse(jdbc.sql("SELECT status FROM ai_jobs WHERE id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .orElseThrow();
    }

    private static String type(String name) {
        return "test." + name + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
