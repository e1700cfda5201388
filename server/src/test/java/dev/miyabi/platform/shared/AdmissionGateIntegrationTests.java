package dev.miyabi.platform.shared;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.HeldConnections;
import dev.miyabi.platform.support.IntegrationTest;
import dev.miyabi.platform.support.SecondInstance;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The admission gate in the running server (an instance of its own, one read in progress at a time): a read
 * past the limit waits at the gate, not for a pooled connection, and is answered 503 with {@code Retry-After}
 * once it has waited the queue timeout; health, the web UI, {@code /ws} and writes never wait there.
 */
class AdmissionGateIntegrationTests extends IntegrationTest {

    @Test
    void aReadPastTheLimitWaitsAtTheGateAndIsRefusedAfterTheQueueTimeout() throws Exception {
        try (ConfigurableApplicationContext instance = SecondInstance.start(
                "--miyabi.http.max-concurrent-requests=1",
                "--miyabi.http.queue-timeout=1s",
                // Far longer than the test: a refusal here can only come from the gate.
                "--miyabi.database.request-connection-timeout=60s")) {
            Api second = new Api(SecondInstance.port(instance));
            Session customer = register();
            assertThat(second.get("/api/orders")
                            .token(customer.accessToken())
                            .send()
                            .status())
                    .isEqualTo(200);
            HikariDataSource hikari = instance.getBean(DataSource.class).unwrap(HikariDataSource.class);
            HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
            Gauge queued = instance.getBean(MeterRegistry.class)
                    .get("miyabi.http.requests.queued")
                    .gauge();

            Future<Api.Response> first;
            Api.Response refused;
            Duration waited;
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Connection> held = HeldConnections.holdEvery(hikari);
                try {
                    // The one turn, taken by a read that waits for a connection.
                    first = threads.submit(() -> second.get("/api/products").send());
                    await().atMost(Duration.ofSeconds(20)).until(() -> pool.getThreadsAwaitingConnection() >= 1);

                    long started = System.nanoTime();
                    Future<Api.Response> next = threads.submit(() -> second.get("/api/orders")
                            .token(customer.accessToken())
                            .send());
                    // It waits for its turn, not for a connection.
                    await().atMost(Duration.ofSeconds(20)).until(() -> queued.value() == 1);

                    // Meanwhile what is not an API read is not held up by the gate.
                    assertThat(second.get("/actuator/health/liveness").send().status())
                            .isEqualTo(200);
                    assertThat(second.get("/ws").send().status()).isNotEqualTo(503);
                    assertThat(second.get("/").send().status()).isNotEqualTo(503);
                    Future<Api.Response> write = threads.submit(() -> second.post("/api/orders")
                            .token(customer.accessToken())
                            .json(Map.of("productId", UUID.randomUUID(), "quantity", 1))
                            .send());
                    // The write went past the gate: it waits for a connection beside the first read.
                    await().atMost(Duration.ofSeconds(20)).until(() -> pool.getThreadsAwaitingConnection() >= 2);
                    assertThat(queued.value()).isEqualTo(1);

                    refused = next.get(20, TimeUnit.SECONDS);
                    waited = Duration.ofNanos(System.nanoTime() - started);
                    assertThat(first).isNotDone();
                    assertThat(write).isNotDone();
                } finally {
                    for (Connection connection : held) {
                        connection.close();
                    }
                }
                assertThat(first.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
            }

            assertProblem(refused, 503, ErrorCodes.SERVICE_UNAVAILABLE);
            assertThat(refused.header("Retry-After")).hasValue("1");
            assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofSeconds(20));
            assertThat(queued.value()).isZero();
            // The turn given back, reads are served again.
            assertThat(second.get("/api/orders")
                            .token(customer.accessToken())
                            .send()
                            .status())
                    .isEqualTo(200);
        }
    }
}
