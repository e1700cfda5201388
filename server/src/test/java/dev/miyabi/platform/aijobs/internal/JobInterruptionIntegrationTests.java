package dev.miyabi.platform.aijobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.miyabi.platform.aijobs.JobOutcome;
import dev.miyabi.platform.aijobs.NewJob;
import dev.miyabi.platform.support.CapturedLogs;
import dev.miyabi.platform.support.ModuleTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A job stopped (its lease lost, or the instance shutting down) while its handler waits on the database stops
 * without breaking the pooled connection under that write: its worker runs on a virtual thread, and an
 * interrupt during socket I/O closes the socket ("Closed by interrupt", SQLSTATE 08006).
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "shared", verifyAutomatically = false)
class JobInterruptionIntegrationTests extends ModuleTest {

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DataSource dataSource;

    private final List<QueueFixture> fixtures = new ArrayList<>();
    private UUID owner;

    @BeforeEach
    void createOwner() {
        owner = jdbc.sql("INSERT INTO users (email, name) VALUES (:email, 'Interrupt test') RETURNING id")
                .param("email", "interrupt-" + UUID.randomUUID() + "@example.test")
                .query(UUID.class)
                .single();
    }

    @AfterEach
    void stopPools() {
        fixtures.forEach(QueueFixture::close);
    }

    @Test
    void aStopArrivingWhileTheHandlerWaitsOnTheDatabaseLetsThatWriteFinishThenStopsIt() throws Exception {
        String type = "test.interrupt." + UUID.randomUUID().toString().substring(0, 8);
        // Its pool is not started: the test runs the handler's side itself.
        QueueFixture instance = QueueFixture.settings()
                .handler(JobQueueIntegrationTests.handler(
                        type, job -> JobOutcome.completed(JsonNodeFactory.instance.objectNode())))
                .build(jdbc, transactions, dataSource);
        fixtures.add(instance);
        UUID id = instance.jobs
                .enqueue(NewJob.of(type, JsonNodeFactory.instance.objectNode(), owner))
                .id();
        Jobs.Row claimed = instance.queue
                .claim(instance.instanceId, Map.of(type, 1), 1, Duration.ofMinutes(1))
                .getFirst();
        Execution execution = new Execution(
                claimed.job(),
                Objects.requireNonNull(claimed.leaseToken()),
                instance.queue,
                JsonMapper.builder().build());
        AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        TransactionTemplate lockHolder = new TransactionTemplate(transactions);
        lockHolder.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        try (CapturedLogs hikari = CapturedLogs.of("com.zaxxer.hikari")) {
            Thread worker;
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch unlock = new CountDownLatch(1);
            Thread holder = Thread.ofPlatform()
                    .start(() -> lockHolder.executeWithoutResult(status -> {
                        jdbc.sql("SELECT id FROM ai_jobs WHERE id = :id FOR UPDATE")
                                .param("id", id)
                                .query(UUID.class)
                                .single();
                        locked.countDown();
                        awaitQuietly(unlock);
                    }));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            // The handler's progress write now waits for the row, in socket I/O on a virtual thread.
            worker = Thread.ofVirtual().start(() -> {
                execution.bind(Thread.currentThread());
                try {
                    execution.progress("written while being stopped");
                    interruptedAfter.set(Thread.currentThread().isInterrupted());
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jdbc.sql("SELECT count(*) FROM pg_locks WHERE NOT granted")
                                    .query(Long.class)
                                    .single()
                            > 0);

            execution.interrupt(); // what losing the lease and shutting down do
            unlock.countDown();
            holder.join(10_000);
            worker.join(10_000);

            assertThat(failure.get()).as("the write under way").isNull();
            assertThat(interruptedAfter)
                    .as("the stop is delivered once the write returned")
                    .isTrue();
            assertThat(hikari.messages(Level.WARN))
                    .as("connections marked broken")
                    .isEmpty();
        }
        assertThat(instance.jobs.find(id).orElseThrow().progress().message()).isEqualTo("written while being stopped");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
