package dev.miyabi.platform.state.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentTaskCounts;
import dev.miyabi.platform.agents.AgentTaskRequest;
import dev.miyabi.platform.agents.AgentTaskStatus;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.agents.Orchestrator;
import dev.miyabi.platform.aijobs.AiJobs;
import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.aijobs.NewJob;
import dev.miyabi.platform.approvals.ApprovalStatus;
import dev.miyabi.platform.catalog.Catalog;
import dev.miyabi.platform.orders.OrderStatus;
import dev.miyabi.platform.orders.Orders;
import dev.miyabi.platform.payments.PaymentStatus;
import dev.miyabi.platform.realtime.ClientEvents;
import dev.miyabi.platform.state.CompositeServiceState;
import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.CommerceFixtures;
import dev.miyabi.platform.support.StepsJobHandler;
import dev.miyabi.platform.support.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The live state against the database: after a concurrent burst of real changes (orders placed and
 * cancelled over REST, payments declined, captured and refunded, approval requests opened and decided,
 * jobs run by the workers, board tasks) with resyncs racing it, the counts kept from events equal a
 * recount in SQL — without the state having needed a repair.
 */
class StateCountsIntegrationTests extends CommerceFixtures {

    @Autowired
    LiveStateManager manager;

    @Autowired
    ClientEvents clientEvents;

    @Autowired
    Orders orders;

    @Autowired
    AiJobs jobs;

    @Autowired
    Catalog catalog;

    @Autowired
    Orchestrator orchestrator;

    @Test
    void countsKeptFromABurstOfEventsEqualARecountInSql() throws Exception {
        Session admin = admin();
        String product = product(admin);
        // Orders of 1 500 GBP need an approver (the default policy; no test has a GBP policy of its own).
        String bigProduct = createProduct("1500.00", "GBP", "business_consulting");
        Session approver = registerWithRoles("approver");
        List<Session> customers = List.of(register(), register(), register());
        List<UUID> paidOrders = new ArrayList<>();
        awaitQuiet();

        List<Job> started = new ArrayList<>();
        try (ExecutorService burst = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> work = new ArrayList<>();
            for (Session customer : customers) {
                work.add(burst.submit(() -> {
                    for (int i = 0; i < 8; i++) {
                        String order = place(customer, product);
                        if (i % 2 == 0) {
                            Api.Response cancelled = api.post("/api/orders/" + order + "/cancel")
                                    .token(customer.accessToken())
                                    .send();
                            assertThat(cancelled.status()).isEqualTo(200);
                        }
                    }
                }));
                work.add(burst.submit(() -> {
                    // Payments: a declined card then a good one, a second order paid at once, and a partial
                    // refund of it by the admin.
                    for (int i = 0; i < 2; i++) {
                        UUID order = UUID.fromString(place(customer, product));
                        if (i == 0) {
                            assertThat(pay(customer, order, "pm_card_chargeDeclined")
                                            .status())
                                    .isEqualTo(402);
                        }
                        Api.Response paid = pay(customer, order, "pm_card_visa");
                        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
                        synchronized (paidOrders) {
                            paidOrders.add(order);
                        }
                        if (i == 1) {
                            Api.Response refunded = new Api(port)
                                    .post("/api/payments/" + paid.text("id") + "/refunds")
                                    .token(admin.accessToken())
                                    .header("Idempotency-Key", UUID.randomUUID().toString())
                                    .json(Map.of("amount", "5.00", "reason", "Goodwill"))
                                    .send();
                            assertThat(refunded.status())
                                    .as(refunded.toString())
                                    .isEqualTo(201);
                        }
                    }
                }));
                work.add(burst.submit(() -> {
                    // Approvals: one approved, one rejected, one left pending.
                    for (String decision : List.of("approve", "reject", "")) {
                        Api.Response placed = new Api(port)
                                .post("/api/orders")
                                .token(customer.accessToken())
                                .json(Map.of("productId", bigProduct, "quantity", 1))
                                .send();
                        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
                        if (!decision.isEmpty()) {
                            Api.Response decided = new Api(port)
                                    .post("/api/approvals/" + placed.text("approvalId") + "/decisions")
                                    .token(approver.accessToken())
                                    .json(Map.of("decision", decision, "comment", "Burst"))
                                    .send();
                            assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
                        }
                    }
                }));
                work.add(burst.submit(() -> {
                    for (int i = 0; i < 3; i++) {
                        synchronized (started) {
                            started.add(jobs.enqueue(NewJob.of(
                                    StepsJobHandler.TYPE,
                                    WsClient.JSON
                                            .createObjectNode()
                                            .put("steps", 2)
                                            .put("fail", i == 2),
                                    customer.id())));
                        }
                    }
                }));
            }
            work.add(burst.submit(() -> {
                for (int i = 0; i < 4; i++) {
                    AgentTask task = orchestrator.submit(new AgentTaskRequest(
                            AgentType.APPROVAL_WORKFLOW,
                            "Check " + i,
                            WsClient.JSON.createObjectNode(),
                            i,
                            null,
                            null));
                    if (i > 0) {
                        orchestrator.start(task.id());
                    }
                    if (i > 1) {
                        orchestrator.complete(task.id(), WsClient.JSON.createObjectNode());
                    }
                }
            }));
            // Reloads racing the events, back to back until the burst is over.
            int resyncs = 0;
            while (!work.stream().allMatch(Future::isDone)) {
                manager.resync();
                resyncs++;
            }
            for (Future<?> future : work) {
                future.get();
            }
            assertThat(resyncs).isGreaterThan(3);
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> started.stream()
                        .allMatch(job ->
                                jobs.find(job.id()).orElseThrow().status().isFinal()));
        // Paid support orders move on to their staff task after the payment commits.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> paidOrders.stream()
                        .allMatch(order -> orders.find(order).orElseThrow().status() == OrderStatus.FULFILLING));
        awaitQuiet();

        CompositeServiceState state = manager.current();
        Map<String, Map<String, Long>> counts = state.businessState().counts();
        assertThat(counts.get("orders")).isEqualTo(byName(orders.countByStatus()));
        assertThat(counts.get("aiJobs")).isEqualTo(byName(jobs.countByStatus()));
        assertThat(counts.get("products")).isEqualTo(byName(catalog.countByStatus()));
        assertThat(counts.get("payments")).isEqualTo(recount("payments", PaymentStatus.values()));
        assertThat(counts.get("approvals")).isEqualTo(recount("approval_requests", ApprovalStatus.values()));
        assertThat(counts.get("payments").get("failed")).isGreaterThanOrEqualTo(3);
        assertThat(counts.get("payments").get("partially_refunded")).isGreaterThanOrEqualTo(3);
        assertThat(counts.get("approvals").get("rejected")).isGreaterThanOrEqualTo(3);
        Map<AgentType, AgentTaskCounts> tasks = orchestrator.taskCounts();
        assertThat(state.agentState().agents()).allSatisfy(agent -> {
            AgentTaskCounts expected = tasks.get(agent.type());
            assertThat(agent.submittedTasks()).isEqualTo(expected.count(AgentTaskStatus.SUBMITTED));
            assertThat(agent.activeTasks()).isEqualTo(expected.count(AgentTaskStatus.WORKING));
            assertThat(agent.completedTasks()).isEqualTo(expected.count(AgentTaskStatus.COMPLETED));
            assertThat(agent.avgDurationMs()).isEqualTo(expected.avgDurationMs());
        });
        assertThat(manager.projection().countsStale())
                .as("recounted after the last event")
                .isFalse();

        // The same over HTTP, for the admin.
        JsonNode overHttp =
                api.get("/api/state").token(admin.accessToken()).send().json();
        assertThat(overHttp.path("version").asLong()).isEqualTo(state.version());
        assertThat(overHttp.path("businessState")
                        .path("counts")
                        .path("orders")
                        .path("cancelled")
                        .asLong())
                .isEqualTo(orders.countByStatus().get(OrderStatus.CANCELLED));
        JsonNode overHttpCounts = overHttp.path("businessState").path("counts");
        assertThat(longs(overHttpCounts.path("payments"))).isEqualTo(recount("payments", PaymentStatus.values()));
        assertThat(longs(overHttpCounts.path("approvals")))
                .isEqualTo(recount("approval_requests", ApprovalStatus.values()));
    }

    /** Rows of the table by status in SQL, every status of the enum present (zero included). */
    private Map<String, Long> recount(String table, Enum<?>[] statuses) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Enum<?> status : statuses) {
            counts.put(status.name().toLowerCase(Locale.ROOT), 0L);
        }
        jdbc.sql("SELECT status, count(*) FROM " + table + " GROUP BY status").query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    private static Map<String, Long> longs(JsonNode object) {
        Map<String, Long> values = new LinkedHashMap<>();
        object.properties()
                .forEach(field -> values.put(field.getKey(), field.getValue().asLong()));
        return values;
    }

    /** Every logged event delivered and applied: the state's version is the end of the log. */
    private void awaitQuiet() {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            long end = jdbc.sql("SELECT coalesce(max(id), 0) FROM event_log")
                    .query(Long.class)
                    .single();
            return clientEvents.position() == end
                    && manager.current().version() == end
                    && !manager.projection().countsStale();
        });
        // The mark is cleared when a recount starts: wait for one still loading (it holds the reload lock).
        manager.recount();
    }

    private static <E extends Enum<E>> Map<String, Long> byName(Map<E, Long> counts) {
        Map<String, Long> named = new LinkedHashMap<>();
        counts.forEach((status, count) -> named.put(status.name().toLowerCase(Locale.ROOT), count));
        return named;
    }

    private String product(Session admin) {
        Api.Response created = api.post("/api/products")
                .token(admin.accessToken())
                .json(Map.of(
                        "name",
                        "Support " + UUID.randomUUID(),
                        "price",
                        Map.of("amount", "80.00", "currency", "USD"),
                        "category",
                        "technical_support"))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    private String place(Session customer, String product) {
        Api.Response placed = new Api(port)
                .post("/api/orders")
                .token(customer.accessToken())
                .json(Map.of("productId", product, "quantity", 1))
                .send();
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed.text("id");
    }
}
