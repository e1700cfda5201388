package dev.miyabi.platform.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.support.IntegrationTest;
import dev.miyabi.platform.support.WsClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** A client that stops reading is cut off; the others keep receiving at full speed. */
class RealtimeSlowConsumerIntegrationTests extends IntegrationTest {

    private static final int EVENTS = 300;

    @Autowired
    ClientEvents clientEvents;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    MeterRegistry meters;

    @Test
    void aClientThatStopsReadingIsDisconnectedWhileAnotherKeepsReceiving() throws Exception {
        Session slow = register();
        Session fast = register();
        double slowBefore = slowConsumerDisconnects();
        try (RawWebSocket stuck = new RawWebSocket(port, "/ws?access_token=" + slow.accessToken());
                WsClient healthy = WsClient.authenticated(port, fast.accessToken())) {
            assertThat(stuck.read().text()).contains("auth_success");
            stuck.sendText("{\"type\":\"subscribe\",\"payload\":{\"topics\":[\"orders\"]}}");
            assertThat(stuck.read().text()).contains("subscribed");
            healthy.subscribe(List.of("orders"), null);

            // From here on the raw client reads nothing. ~32 KB per event: the kernel's socket
            // buffers (up to 4 MB) fill within ~130 events, then the server's bounded queue.
            String filler = "x".repeat(32 * 1024);
            List<Long> ids = new ArrayList<>();
            long started = System.nanoTime();
            // One event per transaction, as changes happen; the healthy client reads each one as
            // it comes (so its own queue never fills, however loaded the machine), the stuck
            // client none.
            List<Long> received = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                ids.add(new TransactionTemplate(transactions)
                        .execute(status -> clientEvents.append(
                                "order.updated",
                                "order",
                                UUID.randomUUID().toString(),
                                Map.of("status", "fulfilling", "notes", filler),
                                List.of(slow.id(), fast.id()),
                                List.<Role>of())));
                JsonNode event = healthy.nextEvent();
                received.add(event.path("payload").path("eventId").asLong());
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            assertThat(received).containsExactlyElementsOf(ids);
            assertThat(elapsed).as("the healthy client is not held back").isLessThan(Duration.ofSeconds(30));

            await().atMost(Duration.ofSeconds(15)).until(() -> slowConsumerDisconnects() > slowBefore);
            // Reading again, the stuck client finds what the kernel buffered, then the end: the
            // close frame 1008 when it reads before the write in progress times out, else the TCP
            // connection closed under it (a close frame cannot overtake a half-written message).
            RawWebSocket.Frame frame;
            int buffered = 0;
            while ((frame = stuck.read()) != null && frame.opcode() != 8) {
                if (frame.opcode() == 1) { // the first frame of a (possibly fragmented) message
                    buffered++;
                }
            }
            assertThat(buffered).isLessThan(EVENTS);
            if (frame != null) {
                assertThat(frame.closeCode()).isEqualTo(1008);
                assertThat(frame.text()).contains("slow consumer");
            }

            String after = UUID.randomUUID().toString();
            new TransactionTemplate(transactions)
                    .executeWithoutResult(status -> clientEvents.append(
                            "order.created", "order", after, Map.of(), List.of(fast.id()), List.of()));
            assertThat(healthy.nextEvent().path("payload").path("resourceId").asString())
                    .isEqualTo(after);
        }
    }

    private double slowConsumerDisconnects() {
        var counter = meters.find("miyabi.realtime.disconnects")
                .tag("reason", "slow_consumer")
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
