package dev.miyabi.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.cli.api.MiyabiClient;
import dev.miyabi.cli.api.Realtime;
import dev.miyabi.cli.api.SessionStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The client's {@code /ws} connection resumes after the last event it saw. */
class RealtimeIntegrationTests {

    record Event(String type, long id, String resourceId) {}

    @Test
    void aReconnectWithTheLastEventIdReplaysExactlyWhatWasMissed() {
        TestServer server = TestServer.get();
        Cli customer = Accounts.customer(server, "Leo Replay");
        MiyabiClient api = new MiyabiClient(
                server.url(), new SessionStore(customer.config().resolve("miyabi")));

        List<Event> first = new CopyOnWriteArrayList<>();
        AtomicBoolean subscribed = new AtomicBoolean();
        String firstJob;
        long lastSeen;
        try (Realtime realtime = new Realtime(api, List.of("jobs"), collect(first, subscribed)).start(0)) {
            await().atMost(Duration.ofSeconds(30)).untilTrue(subscribed);
            firstJob = startJob(api, "Replay one");
            await().atMost(Duration.ofSeconds(60)).until(() -> completed(first, firstJob));
            lastSeen = realtime.lastEventId();
        }

        // While disconnected: a second job runs to completion.
        String secondJob = startJob(api, "Replay two");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "completed"
                        .equals(api.get("/api/ai/jobs/" + secondJob)
                                .json()
                                .path("status")
                                .asString()));

        List<Event> replayed = new CopyOnWriteArrayList<>();
        try (Realtime realtime =
                new Realtime(api, List.of("jobs"), collect(replayed, new AtomicBoolean())).start(lastSeen)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> completed(replayed, secondJob));
        }
        assertThat(replayed).allSatisfy(event -> assertThat(event.id()).isGreaterThan(lastSeen));
        assertThat(replayed).noneMatch(event -> event.resourceId().equals(firstJob));
        assertThat(replayed.stream().map(Event::type)).contains("job.queued", "job.started", "job.completed");
    }

    private static Realtime.Listener collect(List<Event> events, AtomicBoolean subscribed) {
        return new Realtime.Listener() {
            @Override
            public void onSubscribed(boolean resync) {
                subscribed.set(true);
            }

            @Override
            public void onEvent(String type, JsonNode payload) {
                events.add(new Event(
                        type,
                        payload.path("eventId").asLong(),
                        payload.path("resourceId").asString("")));
            }
        };
    }

    private static boolean completed(List<Event> events, String jobId) {
        return events.stream()
                .anyMatch(event -> event.type().equals("job.completed")
                        && event.resourceId().equals(jobId));
    }

    private static String startJob(MiyabiClient api, String title) {
        Map<String, Object> input = Map.of("documentType", "faq", "title", title, "audience", "Customers");
        return api.post("/api/ai/jobs", Map.of("type", "document_generation", "input", input))
                .json()
                .path("id")
                .asString();
    }
}
