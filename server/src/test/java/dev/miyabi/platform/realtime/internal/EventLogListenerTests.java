package dev.miyabi.platform.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.realtime.ClientEvent;
import dev.miyabi.platform.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event-log listener on its own, against real PostgreSQL: it survives losing its connection
 * without losing events, and it keeps order across transactions that commit out of id order.
 */
class EventLogListenerTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static SimpleDriverDataSource dataSource;

    private final String run = UUID.randomUUID().toString();
    private final List<ClientEvent> received = new CopyOnWriteArrayList<>();
    private EventLogListener listener;
    private JdbcClientEvents events;
    private TransactionTemplate transactions;

    @BeforeAll
    static void migrate() {
        TestDatabase.Connection db = TestDatabase.get();
        dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), db.url(), db.user(), db.password());
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .outOfOrder(true)
                .load()
                .migrate();
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.stop();
        }
    }

    @Test
    void eventsAppendedWhileItsConnectionIsDownArriveAfterItReconnects() throws Exception {
        start(properties(Duration.ofSeconds(30), Duration.ofSeconds(1)));
        long first = append("first");
        await().atMost(Duration.ofSeconds(5)).until(() -> ids().contains(first));

        int backend = listener.backendPid();
        try (Connection admin = connect()) {
            admin.createStatement().execute("SELECT pg_terminate_backend(" + backend + ")");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.isConnected());
        // Appended while nobody listens: their notifications are lost for good.
        long second = append("second");
        long third = append("third");
        long fourth = append("fourth");

        // The safety-net poll is 30 s away: only the catch-up after reconnecting can bring them.
        await().atMost(Duration.ofSeconds(8)).until(() -> ids().contains(fourth));
        assertThat(ids()).containsExactly(first, second, third, fourth);
        assertThat(listener.reconnects()).isEqualTo(1);
        assertThat(listener.backendPid()).isNotEqualTo(backend).isNotZero();

        long fifth = append("fifth");
        await().atMost(Duration.ofSeconds(5)).until(() -> ids().contains(fifth));
    }

    @Test
    void anEventBehindAnUncommittedEarlierIdWaitsForItAndOrderIsKept() throws Exception {
        start(properties(Duration.ofSeconds(30), Duration.ofSeconds(1)));
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Long> slow = holdOpen("slow", appended, commit, false);
        appended.await(5, TimeUnit.SECONDS);
        long fast = append("fast");

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !ids().contains(fast));
        commit.countDown();
        long slowId = slow.get(5, TimeUnit.SECONDS);
        assertThat(slowId).isLessThan(fast);
        await().atMost(Duration.ofSeconds(5)).until(() -> ids().contains(fast));
        assertThat(ids()).containsExactly(slowId, fast);
    }

    @Test
    void anEventBehindARolledBackIdWaitsOnlyUntilTheRollback() throws Exception {
        start(properties(Duration.ofSeconds(30), Duration.ofSeconds(1)));
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch rollback = new CountDownLatch(1);
        CompletableFuture<Long> rolledBack = holdOpen("rolled-back", appended, rollback, true);
        appended.await(5, TimeUnit.SECONDS);
        long afterRollback = append("after-rollback");

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> ids().isEmpty());
        rollback.countDown();
        rolledBack.get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> ids().contains(afterRollback));
        assertThat(ids()).containsExactly(afterRollback);
    }

    /** However long the earlier transaction stays open, its event is not overtaken, so it cannot be skipped. */
    @Test
    void anEventThatCommitsLongAfterALaterIdIsStillDeliveredFirst() throws Exception {
        start(properties(Duration.ofSeconds(30), Duration.ofSeconds(1)));
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Long> late = holdOpen("late", appended, commit, false);
        appended.await(5, TimeUnit.SECONDS);
        long overtaking = append("overtaking");

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !ids().contains(overtaking));
        commit.countDown();
        long lateId = late.get(5, TimeUnit.SECONDS);
        assertThat(lateId).isLessThan(overtaking);
        await().atMost(Duration.ofSeconds(5)).until(() -> ids().contains(overtaking) && ids().contains(lateId));
        assertThat(ids()).containsExactly(lateId, overtaking);
    }

    // --- helpers --------------------------------------------------------------------------------

    private void start(RealtimeProperties properties) {
        EventDispatcher dispatcher = new EventDispatcher(List.of(event -> {
            if (event.resourceType().equals("listener_test")
                    && event.payload().path("run").asString().equals(run)) {
                received.add(event);
            }
        }));
        events = new JdbcClientEvents(
                new LoggedEvents(JdbcClient.create(dataSource), JSON), dispatcher, JSON, Clock.systemUTC());
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        listener =
                new EventLogListener(EventLogListenerTests::connect, dispatcher, JSON, properties, Clock.systemUTC());
        listener.start();
    }

    private long append(String name) {
        return transactions.execute(status ->
                events.append("test.appended", "listener_test", name, Map.of("run", run), List.of(), List.of()));
    }

    /** Appends in a transaction that stays open until {@code finish}, then commits or rolls back. */
    private CompletableFuture<Long> holdOpen(
            String name, CountDownLatch appended, CountDownLatch finish, boolean rollback) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(transactions.execute(status -> {
                    long id = events.append(
                            "test.appended", "listener_test", name, Map.of("run", run), List.of(), List.of());
                    appended.countDown();
                    try {
                        finish.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (rollback) {
                        status.setRollbackOnly();
                    }
                    return id;
                }));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private List<Long> ids() {
        return received.stream().map(ClientEvent::id).toList();
    }

    private static Connection connect() throws SQLException {
        TestDatabase.Connection db = TestDatabase.get();
        Properties properties = new Properties();
        properties.setProperty("user", db.user());
        properties.setProperty("password", db.password());
        return DriverManager.getConnection(db.url(), properties);
    }

    private static RealtimeProperties properties(Duration poll, Duration reconnectDelay) {
        RealtimeProperties defaults = RealtimeProperties.defaults();
        return new RealtimeProperties(
                defaults.retention(),
                defaults.pruneInterval(),
                poll,
                reconnectDelay,
                defaults.batchSize(),
                defaults.authTimeout(),
                defaults.heartbeatInterval(),
                defaults.sendQueueCapacity(),
                DataSize.ofMegabytes(1),
                defaults.sendTimeout(),
                defaults.replayLimit(),
                defaults.maxTopics(),
                defaults.maxMessageSize(),
                defaults.presenceInterval());
    }
}
