package dev.miyabi.platform.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.aijobs.AiJobs;
import dev.miyabi.platform.aijobs.NewJob;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.support.IntegrationTest;
import dev.miyabi.platform.support.StepsJobHandler;
import dev.miyabi.platform.support.WsClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** {@code /ws} against the running server, with a real WebSocket client (API.md "WebSocket — /ws"). */
class RealtimeWebSocketIntegrationTests extends IntegrationTest {

    @Autowired
    ClientEvents clientEvents;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JwtEncoder jwtEncoder;

    @Autowired
    AiJobs jobs;

    // --- authentication -------------------------------------------------------------------------

    @Test
    void authenticatesWithTheFirstMessageAndAnswersPing() {
        Session customer = register();
        try (WsClient ws = WsClient.connect(port)) {
            String authId = ws.send("auth", Map.of("token", customer.accessToken()));
            JsonNode success = ws.next();
            assertThat(success.path("type").asString()).isEqualTo("auth_success");
            assertThat(success.path("id").asString()).isEqualTo(authId);
            assertThat(success.path("payload").path("userId").asString())
                    .isEqualTo(customer.id().toString());
            assertThat(success.path("payload").path("roles").toString()).contains("customer");
            assertThat(Instant.parse(success.path("ts").asString())).isBeforeOrEqualTo(Instant.now());

            String pingId = ws.send("ping", Map.of());
            JsonNode pong = ws.nextOfType("pong");
            assertThat(pong.path("id").asString()).isEqualTo(pingId);
        }
    }

    @Test
    void authenticatesWithTheAccessTokenQueryParameter() {
        Session customer = register();
        try (WsClient ws = WsClient.connect(port, "?access_token=" + customer.accessToken(), Map.of())) {
            JsonNode success = ws.next();
            assertThat(success.path("type").asString()).isEqualTo("auth_success");
            assertThat(success.path("payload").path("userId").asString())
                    .isEqualTo(customer.id().toString());
        }
    }

    @Test
    void aBadTokenIsAnsweredWithAnErrorAndClose4401() {
        try (WsClient ws = WsClient.connect(port)) {
            ws.send("auth", Map.of("token", "not-a-jwt"));
            JsonNode error = ws.next();
            assertThat(error.path("type").asString()).isEqualTo("error");
            assertThat(error.path("payload").path("code").asString()).isEqualTo("unauthorized");
            assertThat(error.path("payload").path("message").asString()).isNotBlank();
            assertThat(ws.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(4401);
        }
        String tampered = register().accessToken();
        tampered = tampered.substring(0, tampered.length() - 4) + "AAAA";
        try (WsClient ws = WsClient.connect(port, "?access_token=" + tampered, Map.of())) {
            assertThat(ws.next().path("payload").path("code").asString()).isEqualTo("unauthorized");
            assertThat(ws.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(4401);
        }
    }

    @Test
    void subscribingBeforeAuthenticatingClosesWith4401() {
        try (WsClient ws = WsClient.connect(port)) {
            ws.send("subscribe", Map.of("topics", List.of("jobs")));
            assertThat(ws.next().path("payload").path("code").asString()).isEqualTo("unauthorized");
            assertThat(ws.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(4401);
        }
    }

    /** The one test that waits out the real 10 s deadline of the contract. */
    @Test
    void aClientThatDoesNotAuthenticateWithinTenSecondsIsClosedWith4408() {
        try (WsClient ws = WsClient.connect(port)) {
            long started = System.nanoTime();
            ws.send("ping", Map.of());
            assertThat(ws.nextOfType("pong")).isNotNull();
            JsonNode error = ws.next(Duration.ofSeconds(15));
            assertThat(error.path("payload").path("code").asString()).isEqualTo("auth_timeout");
            WsClient.Closed closed = ws.awaitClose(Duration.ofSeconds(5));
            assertThat(closed.code()).isEqualTo(4408);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isBetween(Duration.ofSeconds(9), Duration.ofSeconds(14));
        }
    }

    @Test
    void theSocketClosesWith4401WhenTheAccessTokenExpires() {
        Session customer = register();
        String shortLived = token(customer, Instant.now().plusSeconds(2));
        try (WsClient ws = WsClient.authenticated(port, shortLived)) {
            assertThat(ws.subscribe(List.of("jobs"), null)).isNotNull();
            JsonNode error = ws.nextOfType("error");
            assertThat(error.path("payload").path("code").asString()).isEqualTo("unauthorized");
            WsClient.Closed closed = ws.awaitClose(Duration.ofSeconds(10));
            assertThat(closed.code()).isEqualTo(4401);
            assertThat(closed.reason()).contains("expired");
        }
    }

    @Test
    void aNewTokenForTheSameUserKeepsTheSocketOpenPastTheOldExpiry() {
        Session customer = register();
        Instant firstExpiry = Instant.now().plusSeconds(2);
        try (WsClient ws = WsClient.authenticated(port, token(customer, firstExpiry))) {
            ws.send("auth", Map.of("token", customer.accessToken()));
            assertThat(ws.nextOfType("auth_success")).isNotNull();
            ws.subscribe(List.of("jobs"), null);
            String job = UUID.randomUUID().toString();
            await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(firstExpiry.plusSeconds(1)));
            append("job.queued", "job", job, Map.of("status", "queued"), List.of(customer.id()), List.of());
            assertThat(ws.nextEvent().path("payload").path("resourceId").asString())
                    .isEqualTo(job);
            assertThat(ws.isClosed()).isFalse();
        }
    }

    @Test
    void handshakesFromForeignBrowserOriginsAreRefused() {
        assertThatThrownBy(() -> WsClient.connect(port, "", Map.of("Origin", "https://evil.example")))
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        WebSocketHandshakeException.class,
                        refused ->
                                assertThat(refused.getResponse().statusCode()).isEqualTo(403));
        try (WsClient allowed = WsClient.connect(port, "", Map.of("Origin", "https://app.example.test"))) {
            allowed.send("ping", Map.of());
            assertThat(allowed.nextOfType("pong")).isNotNull();
        }
    }

    // --- protocol errors ------------------------------------------------------------------------

    @Test
    void malformedMessagesAndUnknownTopicsAreAnsweredWithErrorsWithoutClosing() {
        Session customer = register();
        try (WsClient ws = WsClient.authenticated(port, customer.accessToken())) {
            ws.sendRaw("{not json");
            assertThat(ws.nextOfType("error").path("payload").path("code").asString())
                    .isEqualTo("malformed_request");
            ws.send("dance", Map.of());
            assertThat(ws.nextOfType("error").path("payload").path("code").asString())
                    .isEqualTo("validation_failed");
            ws.send("subscribe", Map.of("topics", List.of("jobs", "gossip")));
            JsonNode unknown = ws.nextOfType("error");
            assertThat(unknown.path("payload").path("code").asString()).isEqualTo("validation_failed");
            assertThat(unknown.path("payload").path("message").asString()).contains("gossip");
            ws.send("subscribe", Map.of("topics", List.of("jobs"), "lastEventId", -3));
            assertThat(ws.nextOfType("error").path("payload").path("code").asString())
                    .isEqualTo("validation_failed");
            assertThat(ws.subscribe(List.of("jobs"), null)
                            .path("payload")
                            .path("topics")
                            .toString())
                    .isEqualTo("[\"jobs\"]");
        }
    }

    // --- visibility and order -------------------------------------------------------------------

    @Test
    void aCustomerSubscribedToJobsSeesTheirJobInOrderAndNothingOfAnotherCustomersJob() {
        Session alice = register();
        Session bob = register();
        String aliceJob = UUID.randomUUID().toString();
        String bobJob = UUID.randomUUID().toString();
        try (WsClient aliceWs = WsClient.authenticated(port, alice.accessToken());
                WsClient bobWs = WsClient.authenticated(port, bob.accessToken())) {
            assertThat(aliceWs.subscribe(List.of("jobs"), null)
                            .path("payload")
                            .path("resync")
                            .asBoolean())
                    .isFalse();
            bobWs.subscribe(List.of("jobs"), null);

            List<Long> aliceIds = new ArrayList<>();
            aliceIds.add(jobEvent(alice, aliceJob, "job.queued", "queued", 0));
            jobEvent(bob, bobJob, "job.queued", "queued", 0);
            aliceIds.add(jobEvent(alice, aliceJob, "job.started", "running", 0));
            for (int step = 1; step <= 3; step++) {
                aliceIds.add(jobEvent(alice, aliceJob, "job.progress", "running", step));
                jobEvent(bob, bobJob, "job.progress", "running", step);
            }
            aliceIds.add(jobEvent(alice, aliceJob, "job.completed", "completed", 4));
            String aliceMarker = marker(alice);
            String bobMarker = marker(bob);

            List<JsonNode> received = aliceWs.eventsUntil(aliceMarker);
            assertThat(received).hasSize(7);
            List<JsonNode> jobEvents = received.subList(0, 6);
            assertThat(jobEvents)
                    .extracting(event -> event.path("type").asString())
                    .containsExactly(
                            "job.queued",
                            "job.started",
                            "job.progress",
                            "job.progress",
                            "job.progress",
                            "job.completed");
            assertThat(jobEvents)
                    .extracting(event -> event.path("payload").path("eventId").asLong())
                    .containsExactlyElementsOf(aliceIds);
            assertThat(jobEvents).allSatisfy(event -> {
                assertThat(event.path("id").asString())
                        .isEqualTo(event.path("payload").path("eventId").asString());
                assertThat(event.path("payload").path("resourceType").asString())
                        .isEqualTo("job");
                assertThat(event.path("payload").path("resourceId").asString()).isEqualTo(aliceJob);
                assertThat(event.path("payload").path("userId").asString())
                        .isEqualTo(alice.id().toString());
                assertThat(Instant.parse(event.path("ts").asString())).isNotNull();
            });
            assertThat(jobEvents
                            .get(3)
                            .path("payload")
                            .path("progress")
                            .path("completedSteps")
                            .asInt())
                    .isEqualTo(2);
            assertThat(jobEvents.get(5).path("payload").path("status").asString())
                    .isEqualTo("completed");

            List<JsonNode> bobReceived = bobWs.eventsUntil(bobMarker);
            assertThat(bobReceived).hasSize(5);
            assertThat(bobReceived.subList(0, 4))
                    .allSatisfy(event -> assertThat(
                                    event.path("payload").path("resourceId").asString())
                            .isEqualTo(bobJob));
        }
    }

    @Test
    void topicsFilterEventTypesAndUnsubscribeStopsThem() {
        Session customer = register();
        try (WsClient ws = WsClient.authenticated(port, customer.accessToken())) {
            ws.subscribe(List.of("orders", "payments"), null);
            String order = UUID.randomUUID().toString();
            append("order.created", "order", order, Map.of("status", "pending"), List.of(customer.id()), List.of());
            append("job.queued", "job", UUID.randomUUID().toString(), Map.of(), List.of(customer.id()), List.of());
            append("agent.task.updated", "agent_task", "t1", Map.of(), List.of(customer.id()), List.of());
            append("payment.succeeded", "payment", "p1", Map.of(), List.of(customer.id()), List.of());
            assertThat(List.of(ws.nextEvent(), ws.nextEvent()))
                    .extracting(event -> event.path("type").asString())
                    .containsExactly("order.created", "payment.succeeded");

            ws.send("unsubscribe", Map.of("topics", List.of("payments")));
            assertThat(ws.nextOfType("unsubscribed")
                            .path("payload")
                            .path("topics")
                            .toString())
                    .isEqualTo("[\"payments\"]");
            append("payment.refunded", "payment", "p1", Map.of(), List.of(customer.id()), List.of());
            append("order.updated", "order", order, Map.of("status", "paid"), List.of(customer.id()), List.of());
            assertThat(ws.nextEvent().path("type").asString()).isEqualTo("order.updated");
        }
    }

    @Test
    void aPerResourceTopicOfSomeoneElsesResourceIsNotFoundAndYieldsNothing() {
        Session alice = register();
        Session bob = register();
        // Real jobs: whether a user may watch one is the AI jobs module's answer (owner or admin).
        String aliceJob = jobs.enqueue(NewJob.of(StepsJobHandler.TYPE, WsClient.JSON.createObjectNode(), alice.id()))
                .id()
                .toString();
        String bobJob = jobs.enqueue(NewJob.of(StepsJobHandler.TYPE, WsClient.JSON.createObjectNode(), bob.id()))
                .id()
                .toString();
        try (WsClient bobWs = WsClient.authenticated(port, bob.accessToken())) {
            String unknownJob = UUID.randomUUID().toString();
            bobWs.send(
                    "subscribe", Map.of("topics", List.of("job:" + aliceJob, "job:" + bobJob, "order:" + unknownJob)));
            JsonNode notFound = bobWs.nextOfType("error");
            assertThat(notFound.path("payload").path("code").asString()).isEqualTo("not_found");
            assertThat(notFound.path("payload").path("topic").asString()).isEqualTo("job:" + aliceJob);
            JsonNode unknown = bobWs.nextOfType("error");
            assertThat(unknown.path("payload").path("code").asString()).isEqualTo("not_found");
            assertThat(unknown.path("payload").path("topic").asString()).isEqualTo("order:" + unknownJob);
            assertThat(bobWs.nextOfType("subscribed")
                            .path("payload")
                            .path("topics")
                            .toString())
                    .isEqualTo("[\"job:" + bobJob + "\"]");

            jobEvent(alice, aliceJob, "job.started", "running", 0);
            jobEvent(bob, UUID.randomUUID().toString(), "job.queued", "queued", 0);
            long bobsStart = jobEvent(bob, bobJob, "job.started", "running", 0);
            // Bob's job.queued, committed just before he subscribed, may still arrive live.
            List<JsonNode> received = new ArrayList<>();
            do {
                received.add(bobWs.nextEvent());
            } while (received.getLast().path("payload").path("eventId").asLong() != bobsStart);
            assertThat(received)
                    .allSatisfy(event -> assertThat(
                                    event.path("payload").path("resourceId").asString())
                            .isEqualTo(bobJob));
        }
        Session admin = admin();
        try (WsClient adminWs = WsClient.authenticated(port, admin.accessToken())) {
            assertThat(adminWs.subscribe(List.of("job:" + aliceJob), null)
                            .path("payload")
                            .path("topics")
                            .toString())
                    .contains(aliceJob);
        }
    }

    @Test
    void anAdminReceivesEveryonesEventsAndRolesSeeWhatIsSharedWithThem() {
        Session alice = register();
        Session bob = register();
        Session approver = registerWithRoles("approver");
        Session admin = admin();
        try (WsClient adminWs = WsClient.authenticated(port, admin.accessToken());
                WsClient approverWs = WsClient.authenticated(port, approver.accessToken());
                WsClient aliceWs = WsClient.authenticated(port, alice.accessToken())) {
            List<String> all = List.of("orders", "payments", "jobs", "approvals", "agents", "state");
            adminWs.subscribe(all, null);
            approverWs.subscribe(all, null);
            aliceWs.subscribe(all, null);

            long aliceOrder = append(
                    "order.created", "order", UUID.randomUUID().toString(), Map.of(), List.of(alice.id()), List.of());
            long bobJob =
                    append("job.failed", "job", UUID.randomUUID().toString(), Map.of(), List.of(bob.id()), List.of());
            long approval = append(
                    "approval.requested",
                    "approval",
                    UUID.randomUUID().toString(),
                    Map.of("status", "pending"),
                    List.of(bob.id()),
                    List.of(Role.APPROVER));
            long task = append("agent.task.updated", "agent_task", "42", Map.of(), List.of(), List.of());
            long state = append("state.updated", "state", "composite", Map.of("version", 1), List.of(), List.of());
            String end = UUID.randomUUID().toString();
            append("order.updated", "order", end, Map.of(), List.of(alice.id(), approver.id()), List.of(Role.ADMIN));

            assertThat(adminWs.eventsUntil(end))
                    .extracting(event -> event.path("payload").path("eventId").asLong())
                    .containsSubsequence(aliceOrder, bobJob, approval, task, state);
            assertThat(approverWs.eventsUntil(end))
                    .extracting(event -> event.path("payload").path("eventId").asLong())
                    .doesNotContain(aliceOrder, bobJob, task, state)
                    .contains(approval);
            assertThat(aliceWs.eventsUntil(end))
                    .extracting(event -> event.path("payload").path("eventId").asLong())
                    .contains(aliceOrder)
                    .doesNotContain(bobJob, approval, task, state);
        }
    }

    // --- replay ---------------------------------------------------------------------------------

    @Test
    void aClientThatReconnectsWithLastEventIdLosesNothing() {
        Session alice = register();
        Session bob = register();
        String job = UUID.randomUUID().toString();
        long lastSeen;
        try (WsClient ws = WsClient.authenticated(port, alice.accessToken())) {
            ws.subscribe(List.of("jobs"), null);
            jobEvent(alice, job, "job.queued", "queued", 0);
            jobEvent(alice, job, "job.started", "running", 0);
            ws.nextEvent();
            lastSeen = ws.nextEvent().path("payload").path("eventId").asLong();
        }
        List<Long> missed = new ArrayList<>();
        for (int step = 1; step <= 5; step++) {
            missed.add(jobEvent(alice, job, "job.progress", "running", step));
            jobEvent(bob, UUID.randomUUID().toString(), "job.progress", "running", step);
            append("order.updated", "order", UUID.randomUUID().toString(), Map.of(), List.of(alice.id()), List.of());
        }
        try (WsClient ws = WsClient.authenticated(port, alice.accessToken())) {
            JsonNode subscribed = ws.subscribe(List.of("jobs"), lastSeen);
            assertThat(subscribed.path("payload").path("resync").asBoolean()).isFalse();
            List<Long> replayed = new ArrayList<>();
            for (int i = 0; i < missed.size(); i++) {
                JsonNode event = ws.nextEvent();
                assertThat(event.path("payload").path("resourceId").asString()).isEqualTo(job);
                replayed.add(event.path("payload").path("eventId").asLong());
            }
            assertThat(replayed).containsExactlyElementsOf(missed);

            long live = jobEvent(alice, job, "job.completed", "completed", 6);
            assertThat(ws.nextEvent().path("payload").path("eventId").asLong()).isEqualTo(live);
        }
    }

    @Test
    void replayWhileEventsKeepComingNeitherLosesNorRepeatsAnEvent() throws Exception {
        Session alice = register();
        String job = UUID.randomUUID().toString();
        long before = jobEvent(alice, job, "job.queued", "queued", 0);
        List<Long> appended = new ArrayList<>();
        Thread producer = Thread.ofVirtual().start(() -> {
            for (int step = 1; step <= 60; step++) {
                appended.add(jobEvent(alice, job, "job.progress", "running", step));
            }
        });
        try (WsClient ws = WsClient.authenticated(port, alice.accessToken())) {
            ws.subscribe(List.of("jobs"), before);
            producer.join();
            String end = marker(alice);
            List<Long> received = ws.eventsUntil(end).stream()
                    .filter(event ->
                            event.path("payload").path("resourceId").asString().equals(job))
                    .map(event -> event.path("payload").path("eventId").asLong())
                    .toList();
            assertThat(received).containsExactlyElementsOf(appended);
        }
    }

    /**
     * Ids are taken at insert but transactions commit in any order. An event whose transaction commits after a
     * later id's is still delivered first, so a client that keeps the highest id it has seen (the web UI and the
     * CLI do) neither drops it live nor skips it when it resumes from that id.
     */
    @Test
    void anEventThatCommitsAfterALaterIdIsNeitherSkippedLiveNorOnReplay() throws Exception {
        Session alice = register();
        String job = UUID.randomUUID().toString();
        long lastSeen;
        List<Long> seenWhileOpen;
        long slowId;
        long fastId;
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        try (WsClient live = WsClient.authenticated(port, alice.accessToken())) {
            live.subscribe(List.of("jobs"), null);
            long before = jobEvent(alice, job, "job.queued", "queued", 0);
            assertThat(live.nextEvent().path("payload").path("eventId").asLong())
                    .isEqualTo(before);

            CompletableFuture<Long> slow = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    slow.complete(new TransactionTemplate(transactions).execute(status -> {
                        long id = jobEvent(alice, job, "job.progress", "running", 1);
                        appended.countDown();
                        try {
                            commit.await(20, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return id;
                    }));
                } catch (RuntimeException e) {
                    slow.completeExceptionally(e);
                }
            });
            assertThat(appended.await(5, TimeUnit.SECONDS)).isTrue();
            fastId = jobEvent(alice, job, "job.progress", "running", 2);
            // Long enough for the later event to go out if anything lets it overtake the open transaction.
            seenWhileOpen = eventIds(live.drain(Duration.ofSeconds(3)));
            lastSeen = seenWhileOpen.stream().mapToLong(Long::longValue).max().orElse(before);

            commit.countDown();
            slowId = slow.get(10, TimeUnit.SECONDS);
            assertThat(slowId).isLessThan(fastId);
            String end = marker(alice);
            List<Long> liveIds = new ArrayList<>(seenWhileOpen);
            liveIds.addAll(eventIds(live.eventsUntil(end)));
            liveIds.removeIf(id -> id != slowId && id != fastId);
            assertThat(liveIds).as("live, in id order").containsExactly(slowId, fastId);
        } finally {
            commit.countDown();
        }
        try (WsClient resumed = WsClient.authenticated(port, alice.accessToken())) {
            resumed.subscribe(List.of("jobs"), lastSeen);
            List<Long> known = new ArrayList<>(seenWhileOpen);
            known.addAll(eventIds(resumed.eventsUntil(marker(alice))));
            assertThat(known)
                    .as("seen before the reconnect, then replayed after " + lastSeen)
                    .contains(slowId, fastId);
        }
    }

    @Test
    void aClientTooFarBehindIsToldToResync() {
        Session alice = register();
        // Events after id 0 are no longer all in the log once its first event was pruned.
        jdbc.sql("DELETE FROM event_log WHERE id = (SELECT min(id) FROM event_log)")
                .update();
        try (WsClient ws = WsClient.authenticated(port, alice.accessToken())) {
            JsonNode subscribed = ws.subscribe(List.of("jobs"), 0L);
            assertThat(subscribed.path("payload").path("resync").asBoolean()).isTrue();
            long live = jobEvent(alice, UUID.randomUUID().toString(), "job.queued", "queued", 0);
            assertThat(ws.nextEvent().path("payload").path("eventId").asLong()).isEqualTo(live);
        }
    }

    // --- the facade -----------------------------------------------------------------------------

    @Test
    void appendingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> clientEvents.append("job.queued", "job", "x", Map.of(), List.of(), List.of()))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThatThrownBy(() -> new TransactionTemplate(transactions)
                        .executeWithoutResult(status ->
                                clientEvents.append("job.queued", "job", "x", List.of(1, 2), List.of(), List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransactionTemplate(transactions)
                        .executeWithoutResult(status ->
                                clientEvents.append("Job Queued", "job", "x", Map.of(), List.of(), List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEventRolledBackWithItsTransactionIsNeverDelivered() {
        Session alice = register();
        try (WsClient ws = WsClient.authenticated(port, alice.accessToken())) {
            ws.subscribe(List.of("orders"), null);
            String rolledBack = UUID.randomUUID().toString();
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                clientEvents.append("order.created", "order", rolledBack, Map.of(), List.of(alice.id()), List.of());
                status.setRollbackOnly();
            });
            String kept = UUID.randomUUID().toString();
            append("order.created", "order", kept, Map.of(), List.of(alice.id()), List.of());
            assertThat(ws.nextEvent().path("payload").path("resourceId").asString())
                    .isEqualTo(kept);
        }
    }

    @Test
    void transientEventsReachConnectedClientsButAreNotReplayed() {
        Session admin = admin();
        try (WsClient ws = WsClient.authenticated(port, admin.accessToken())) {
            ws.subscribe(List.of("state"), null);
            clientEvents.publishTransient(
                    "state.updated", "state", "composite", Map.of("version", 7), List.of(), List.of(Role.ADMIN));
            JsonNode event = ws.nextEvent();
            assertThat(event.path("type").asString()).isEqualTo("state.updated");
            assertThat(event.path("payload").path("version").asInt()).isEqualTo(7);
            assertThat(event.path("payload").path("eventId").asLong()).isEqualTo(clientEvents.position());
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    long append(
            String type,
            String resourceType,
            String resourceId,
            Object payload,
            Collection<UUID> users,
            Collection<Role> roles) {
        Long id = new TransactionTemplate(transactions)
                .execute(status -> clientEvents.append(type, resourceType, resourceId, payload, users, roles));
        return id;
    }

    /** A job event as the AI-jobs module will publish it: the job's client-visible fields. */
    long jobEvent(Session owner, String jobId, String type, String status, int completedSteps) {
        return append(
                type,
                "job",
                jobId,
                Map.of(
                        "id",
                        jobId,
                        "userId",
                        owner.id().toString(),
                        "type",
                        "course_generation",
                        "status",
                        status,
                        "progress",
                        Map.of("step", "lesson", "completedSteps", completedSteps, "totalSteps", 4)),
                List.of(owner.id()),
                List.of());
    }

    static List<Long> eventIds(List<JsonNode> events) {
        return events.stream()
                .map(event -> event.path("payload").path("eventId").asLong())
                .toList();
    }

    /** An event only {@code user} sees, appended last: once it arrives, everything before it has. */
    String marker(Session user) {
        String id = "marker-" + UUID.randomUUID();
        append("job.marker", "job", id, Map.of(), Set.of(user.id()), List.of());
        return id;
    }

    String token(Session user, Instant expiresAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer("miyabi")
                .subject(user.id().toString())
                .audience(List.of("miyabi-api"))
                .issuedAt(Instant.now())
                .expiresAt(expiresAt)
                .id(UUID.randomUUID().toString())
                .claim("email", user.email())
                .claim("roles", List.of("customer"))
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
        return jwtEncoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
