package dev.miyabi.platform.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentTaskRequest;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.agents.Orchestrator;
import dev.miyabi.platform.aijobs.AiJobs;
import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.aijobs.JobStatus;
import dev.miyabi.platform.aijobs.NewJob;
import dev.miyabi.platform.orders.Orders;
import dev.miyabi.platform.orders.TimelineNote;
import dev.miyabi.platform.shared.Actor;
import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.IntegrationTest;
import dev.miyabi.platform.support.StepsJobHandler;
import dev.miyabi.platform.support.WsClient;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * The domain events of the other modules reach WebSocket clients as client events (API.md "WebSocket —
 * /ws", 3): real orders placed over REST, real jobs run by the application's workers, real board tasks —
 * each to whom may see it, in the transaction of the change.
 */
class RealtimeDomainEventsIntegrationTests extends IntegrationTest {

    @Autowired
    AiJobs jobs;

    @Autowired
    Orders orders;

    @Autowired
    Orchestrator orchestrator;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aCustomerWatchingJobsSeesTheirJobFromQueuedToCompletedAndNothingOfAnotherCustomersJob() {
        Session alice = register();
        Session bob = register();
        try (WsClient aliceWs = WsClient.authenticated(port, alice.accessToken())) {
            aliceWs.subscribe(List.of("jobs"), null);

            Job bobs = jobs.enqueue(steps(bob, 2));
            Job alices = jobs.enqueue(steps(alice, 3));

            List<JsonNode> events = new ArrayList<>();
            do {
                events.add(aliceWs.nextEvent());
            } while (!events.getLast().path("type").asString().equals("job.completed"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jobs.find(bobs.id()).orElseThrow().status() == JobStatus.COMPLETED);
            events.addAll(aliceWs.drain(Duration.ofMillis(300)));

            assertThat(events)
                    .allSatisfy(event -> assertThat(
                                    event.path("payload").path("resourceId").asString())
                            .isEqualTo(alices.id().toString()));
            List<String> types =
                    events.stream().map(e -> e.path("type").asString()).toList();
            assertThat(types.getFirst()).isEqualTo("job.queued");
            assertThat(types.get(1)).isEqualTo("job.started");
            assertThat(types.getLast()).isEqualTo("job.completed");
            assertThat(types.subList(2, types.size() - 1)).isNotEmpty().containsOnly("job.progress");

            JsonNode queued = events.getFirst().path("payload");
            assertThat(queued.path("status").asString()).isEqualTo("queued");
            assertThat(queued.path("previousStatus").isNull()).isTrue();
            assertThat(queued.path("userId").asString()).isEqualTo(alice.id().toString());
            assertThat(queued.path("resourceType").asString()).isEqualTo("job");
            JsonNode started = events.get(1).path("payload");
            assertThat(started.path("previousStatus").asString()).isEqualTo("queued");
            assertThat(started.path("status").asString()).isEqualTo("running");
            List<Integer> completedSteps = events.stream()
                    .map(e -> e.path("payload")
                            .path("progress")
                            .path("completedSteps")
                            .asInt())
                    .toList();
            assertThat(completedSteps).isSorted().contains(1, 2, 3);
            JsonNode completed = events.getLast().path("payload");
            assertThat(completed.path("progress").path("totalSteps").asInt()).isEqualTo(3);
            assertThat(completed.path("progress").path("completedSteps").asInt())
                    .isEqualTo(3);
            assertThat(completed.path("previousStatus").asString()).isEqualTo("running");
            List<Long> ids = events.stream()
                    .map(e -> e.path("payload").path("eventId").asLong())
                    .toList();
            assertThat(ids).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void anOrderPlacedOverRestIsAnnouncedToItsOwnerOnlyAsTheApiRendersIt() {
        Session alice = register();
        Session bob = register();
        String product = product();
        try (WsClient aliceWs = WsClient.authenticated(port, alice.accessToken());
                WsClient bobWs = WsClient.authenticated(port, bob.accessToken())) {
            aliceWs.subscribe(List.of("orders"), null);
            bobWs.subscribe(List.of("orders"), null);

            Api.Response placed = place(alice, product);
            JsonNode created = aliceWs.nextEvent();
            JsonNode updated = aliceWs.nextEvent();

            assertThat(created.path("type").asString()).isEqualTo("order.created");
            assertThat(created.path("payload").path("status").asString()).isEqualTo("pending");
            assertThat(created.path("payload").path("previousStatus").isNull()).isTrue();
            assertThat(updated.path("type").asString()).isEqualTo("order.updated");
            assertThat(updated.path("payload").path("previousStatus").asString())
                    .isEqualTo("pending");
            // The payload is the order as GET/POST render it, plus the event's own fields.
            ObjectNode fields = (ObjectNode) updated.path("payload").deepCopy();
            assertThat(fields.remove(List.of("eventId", "resourceType", "resourceId", "previousStatus")))
                    .isNotNull();
            assertThat(fields).isEqualTo(placed.json());
            assertThat(bobWs.drain(Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void aWatcherOfOneOrderSeesItsChangesAndAnotherUserMayNotWatchIt() {
        Session alice = register();
        Session bob = register();
        UUID order = UUID.fromString(place(alice, product()).text("id"));
        try (WsClient aliceWs = WsClient.authenticated(port, alice.accessToken());
                WsClient bobWs = WsClient.authenticated(port, bob.accessToken())) {
            // From the end of the log: the order's own creation events must not arrive late and live.
            aliceWs.subscribe(List.of("order:" + order), logEnd());
            bobWs.send("subscribe", Map.of("topics", List.of("order:" + order)));
            assertThat(bobWs.nextOfType("error").path("payload").path("code").asString())
                    .isEqualTo("not_found");

            Api.Response cancelled = api.post("/api/orders/" + order + "/cancel")
                    .token(alice.accessToken())
                    .send();
            assertThat(cancelled.status()).isEqualTo(200);
            JsonNode event = aliceWs.nextEvent();
            assertThat(event.path("type").asString()).isEqualTo("order.updated");
            assertThat(event.path("payload").path("status").asString()).isEqualTo("cancelled");
        }
    }

    /** Reconnecting with the last event id seen yields exactly the events the client missed. */
    @Test
    void replayAfterReconnectWithLastEventIdLosesNothing() {
        Session alice = register();
        List<Long> live = new ArrayList<>();
        List<Long> seen = new ArrayList<>();
        try (WsClient reference = WsClient.authenticated(port, alice.accessToken())) {
            reference.subscribe(List.of("jobs"), null);
            Job job;
            try (WsClient first = WsClient.authenticated(port, alice.accessToken())) {
                first.subscribe(List.of("jobs"), null);
                job = jobs.enqueue(steps(alice, 4));
                seen.add(first.nextEvent().path("payload").path("eventId").asLong()); // job.queued
            }
            // Disconnected while the job runs to its end.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jobs.find(job.id()).orElseThrow().status() == JobStatus.COMPLETED);
            try (WsClient again = WsClient.authenticated(port, alice.accessToken())) {
                JsonNode subscribed = again.subscribe(List.of("jobs"), seen.getLast());
                assertThat(subscribed.path("payload").path("resync").asBoolean())
                        .isFalse();
                JsonNode event;
                do {
                    event = again.nextEvent();
                    seen.add(event.path("payload").path("eventId").asLong());
                } while (!event.path("type").asString().equals("job.completed"));
                assertThat(again.drain(Duration.ofMillis(300))).isEmpty();
            }
            JsonNode event;
            do {
                event = reference.nextEvent();
                live.add(event.path("payload").path("eventId").asLong());
            } while (!event.path("type").asString().equals("job.completed"));
        }
        assertThat(seen).hasSizeGreaterThan(5).isEqualTo(live);
    }

    @Test
    void agentTaskUpdatesReachApproversAndAdminsButNotCustomers() {
        Session customer = register();
        Session approver = registerWithRoles("approver");
        try (WsClient customerWs = WsClient.authenticated(port, customer.accessToken());
                WsClient approverWs = WsClient.authenticated(port, approver.accessToken())) {
            customerWs.subscribe(List.of("agents"), null);
            approverWs.subscribe(List.of("agents"), null);

            AgentTask task = orchestrator.submit(new AgentTaskRequest(
                    AgentType.APPROVAL_WORKFLOW, "Review a contract", WsClient.JSON.createObjectNode(), 0, null, null));
            orchestrator.start(task.id());

            JsonNode submitted = approverWs.nextEvent();
            JsonNode working = approverWs.nextEvent();
            assertThat(submitted.path("type").asString()).isEqualTo("agent.task.updated");
            assertThat(submitted.path("payload").path("resourceType").asString())
                    .isEqualTo("agent_task");
            assertThat(submitted.path("payload").path("status").asString()).isEqualTo("submitted");
            assertThat(submitted.path("payload").path("agentId").asInt()).isEqualTo(205);
            assertThat(submitted.path("payload").has("input")).isFalse();
            assertThat(working.path("payload").path("previousStatus").asString())
                    .isEqualTo("submitted");
            assertThat(customerWs.drain(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void productChangesAreForAdminsOnly() {
        Session customer = register();
        Session admin = admin();
        try (WsClient customerWs = WsClient.authenticated(port, customer.accessToken());
                WsClient adminWs = WsClient.authenticated(port, admin.accessToken())) {
            customerWs.subscribe(List.of("products"), null);
            adminWs.subscribe(List.of("products"), null);
            String product = product();
            JsonNode created = adminWs.nextEvent();
            assertThat(created.path("type").asString()).isEqualTo("product.created");
            assertThat(created.path("payload").path("resourceId").asString()).isEqualTo(product);
            assertThat(customerWs.drain(Duration.ofMillis(300))).isEmpty();
        }
    }

    /** The client event is written in the transaction of the change: no change, no event. */
    @Test
    void aChangeThatRollsBackTakesItsClientEventWithIt() {
        Session alice = register();
        UUID order = UUID.fromString(place(alice, product()).text("id"));
        try (WsClient aliceWs = WsClient.authenticated(port, alice.accessToken())) {
            aliceWs.subscribe(List.of("order:" + order), logEnd());
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                orders.cancel(
                        order, Actor.system(), TimelineNote.of(TimelineNote.Kind.CANCELLED, "about to roll back"));
                status.setRollbackOnly();
            });
            assertThat(aliceWs.drain(Duration.ofMillis(500))).isEmpty();
            assertThat(orders.find(order).orElseThrow().status().value()).isEqualTo("awaiting_payment");
        }
    }

    /** The last logged id: subscribing with it as {@code lastEventId} excludes everything before. */
    private long logEnd() {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM event_log")
                .query(Long.class)
                .single();
    }

    private NewJob steps(Session owner, int steps) {
        return NewJob.of(StepsJobHandler.TYPE, WsClient.JSON.createObjectNode().put("steps", steps), owner.id());
    }

    private String product() {
        Api.Response created = api.post("/api/products")
                .token(admin().accessToken())
                .json(Map.of(
                        "name",
                        "Consulting " + UUID.randomUUID(),
                        "price",
                        Map.of("amount", "120.00", "currency", "USD"),
                        "category",
                        "business_consulting"))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    private Api.Response place(Session customer, String product) {
        Api.Response placed = api.post("/api/orders")
                .token(customer.accessToken())
                .json(Map.of("productId", product, "quantity", 1))
                .send();
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed;
    }
}
