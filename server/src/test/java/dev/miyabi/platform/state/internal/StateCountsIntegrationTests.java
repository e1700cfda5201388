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
import dev.miyabi.platform.catalog.Catalog;
import dev.miyabi.platform.orders.OrderStatus;
import dev.miyabi.platform.orders.Orders;
import dev.miyabi.platform.realtime.ClientEvents;
import dev.miyabi.platform.state.CompositeServiceState;
import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.IntegrationTest;
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
 * cancelled over REST, jobs run by the workers, board tasks) with resyncs racing it, the counts kept
 * from events equal a recount in SQL — without the state having needed a repair.
 */
class StateCountsIntegrationTests extends IntegrationTest {

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
        List<Session> customers = List.of(register(), register(), register());
        awaitQuiet(); // the product event is recounted (products have no previous status): let it settle
        await().atMost(Duration.ofSeconds(5)).until(() -> !manager.projection().countsDirty());
        long repairsBefore = manager.repairs();

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
        awaitQuiet();

        CompositeServiceState state = manager.current();
        Map<String, Map<String, Long>> counts = state.businessState().counts();
        assertThat(counts.get("orders")).isEqualTo(byName(orders.countByStatus()));
        assertThat(counts.get("aiJobs")).isEqualTo(byName(jobs.countByStatus()));
        assertThat(counts.get("products")).isEqualTo(byName(catalog.countByStatus()));
        Map<AgentType, AgentTaskCounts> tasks = orchestrator.taskCounts();
        assertThat(state.agentState().agents()).allSatisfy(agent -> {
            AgentTaskCounts expected = tasks.get(agent.type());
            assertThat(agent.submittedTasks()).isEqualTo(expected.count(AgentTaskStatus.SUBMITTED));
            assertThat(agent.activeTasks()).isEqualTo(expected.count(AgentTaskStatus.WORKING));
            assertThat(agent.completedTasks()).isEqualTo(expected.count(AgentTaskStatus.COMPLETED));
            assertThat(agent.avgDurationMs()).isEqualTo(expected.avgDurationMs());
        });
        assertThat(manager.repairs()).as("no repair resync was needed").isEqualTo(repairsBefore);
        assertThat(manager.projection().countsDirty()).isFalse();

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
    }

    /** Every logged event delivered and applied: the state's version is the end of the log. */
    private void awaitQuiet() {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            long end = jdbc.sql("SELECT coalesce(max(id), 0) FROM event_log")
                    .query(Long.class)
                    .single();
            return clientEvents.position() == end && manager.current().version() == end;
        });
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
