package dev.miyabi.platform.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.support.IntegrationTest;
import dev.miyabi.platform.support.SecondInstance;
import dev.miyabi.platform.support.WsClient;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Scale-out: two instances on one database. An event appended on one reaches WebSocket clients of
 * the other through {@code LISTEN}/{@code NOTIFY}, and both deliver the log up to the same position.
 */
class RealtimeTwoInstancesIntegrationTests extends IntegrationTest {

    @Autowired
    ClientEvents clientEventsA;

    @Autowired
    PlatformTransactionManager transactionsA;

    @Autowired
    MeterRegistry metersA;

    @Test
    void anEventAppendedOnOneInstanceReachesClientsOfTheOther() {
        try (ConfigurableApplicationContext instanceB = SecondInstance.start()) {
            int portB = SecondInstance.port(instanceB);
            ClientEvents clientEventsB = instanceB.getBean(ClientEvents.class);
            TransactionTemplate transactionsB =
                    new TransactionTemplate(instanceB.getBean(PlatformTransactionManager.class));
            Session alice = register(); // signed in on A, valid on B: the instances share the signing key

            try (WsClient onA = WsClient.authenticated(port, alice.accessToken());
                    WsClient onB = WsClient.authenticated(portB, alice.accessToken())) {
                onA.subscribe(List.of("orders"), null);
                onB.subscribe(List.of("orders"), null);

                double notificationsBefore = notifications(metersA);
                String order = UUID.randomUUID().toString();
                long started = System.nanoTime();
                long appendedOnB = transactionsB.execute(status -> clientEventsB.append(
                        "order.created",
                        "order",
                        order,
                        Map.of("status", "pending"),
                        List.of(alice.id()),
                        List.<Role>of()));
                JsonNode received = onA.nextEvent();
                Duration latency = Duration.ofNanos(System.nanoTime() - started);
                assertThat(received.path("payload").path("eventId").asLong()).isEqualTo(appendedOnB);
                assertThat(received.path("payload").path("resourceId").asString())
                        .isEqualTo(order);
                // Well under the 5 s safety-net poll: it came by NOTIFY.
                assertThat(latency).isLessThan(Duration.ofSeconds(2));
                assertThat(notifications(metersA)).isGreaterThan(notificationsBefore);
                assertThat(onB.nextEvent().path("payload").path("eventId").asLong())
                        .isEqualTo(appendedOnB);

                long appendedOnA = new TransactionTemplate(transactionsA)
                        .execute(status -> clientEventsA.append(
                                "order.updated",
                                "order",
                                order,
                                Map.of("status", "paid"),
                                List.of(alice.id()),
                                List.<Role>of()));
                assertThat(onB.nextEvent().path("payload").path("eventId").asLong())
                        .isEqualTo(appendedOnA);
                assertThat(onA.nextEvent().path("payload").path("eventId").asLong())
                        .isEqualTo(appendedOnA);

                await().atMost(Duration.ofSeconds(10))
                        .until(() -> clientEventsA.position() == clientEventsB.position()
                                && clientEventsA.position() >= appendedOnA);
            }
        }
    }

    private static double notifications(MeterRegistry meters) {
        FunctionCounter counter =
                meters.find("miyabi.realtime.listener.notifications").functionCounter();
        return counter == null ? 0 : counter.count();
    }
}
