package dev.miyabi.platform.fulfilment.internal;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.miyabi.platform.generation.GenerationFixtures;
import dev.miyabi.platform.generation.internal.ScriptedOfflineResponder;
import dev.miyabi.platform.orders.OrderSnapshot;
import dev.miyabi.platform.orders.OrderStatus;
import dev.miyabi.platform.orders.OrderStatusChanged;
import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.CapturedLogs;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Paid orders routed by category, and orders following their work (completion, failure, cancellation). */
class FulfilmentIntegrationTests extends GenerationFixtures {

    @Autowired
    OrderFulfilment fulfilment;

    /** Each failed attempt is logged as a warning with its cause (kept from the test output). */
    @Test
    void anOrderWhoseJobFailsForGoodFails() {
        Session customer = register();
        String topic = "Doomed course " + UUID.randomUUID();
        ScriptedOfflineResponder.fail(topic, "course.outline");
        try (CapturedLogs logs = CapturedLogs.of("dev.miyabi.platform.aijobs.internal.WorkerPool")) {
            UUID orderId = paidOrder(customer, product("ai_course_generation"), 1, courseInput(topic, "en", 1));
            UUID jobId = UUID.fromString(
                    awaitOrder(customer, orderId, "fulfilling").path("aiJobId").asString());
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            job(customer, jobId.toString()).path("attempts").asInt() == 1
                                    && job(customer, jobId.toString())
                                            .path("status")
                                            .asString()
                                            .equals("queued"));
            jdbc.sql("UPDATE ai_jobs SET max_attempts = 2, run_at = now() WHERE id = :id")
                    .param("id", jobId)
                    .update();

            JsonNode order = awaitOrder(customer, orderId, "failed");
            assertThat(statuses(order)).endsWith("paid", "fulfilling", "failed");
            JsonNode failed = order.path("timeline").get(order.path("timeline").size() - 1);
            assertThat(failed.path("actor").path("id").asString()).isEqualTo("201");
            assertThat(failed.path("note").asString()).contains("failed", "Scripted failure");
            assertThat(failed.path("kind").asString()).isEqualTo("ai_job_failed");
            assertThat(failed.path("params").path("jobId").asString()).isEqualTo(jobId.toString());
            assertThat(failed.path("params").path("error").asString()).contains("Scripted failure");
            JsonNode queued = order.path("timeline").get(order.path("timeline").size() - 2);
            assertThat(queued.path("kind").asString()).isEqualTo("ai_job_queued");
            assertThat(queued.path("params").path("jobId").asString()).isEqualTo(jobId.toString());
            // A job whose order failed (and was refunded) is not run again for free.
            assertProblem(
                    api.post("/api/ai/jobs/" + jobId + "/retry")
                            .token(customer.accessToken())
                            .send(),
                    409,
                    "invalid_state");
            assertThat(logs.withException(Level.WARN).stream()
                            .filter(event -> event.getFormattedMessage().startsWith("Job " + jobId)))
                    .hasSize(2)
                    .allSatisfy(event -> assertThat(CapturedLogs.causeMessages(event))
                            .anyMatch(cause -> cause.contains("Scripted failure")));
        } finally {
            ScriptedOfflineResponder.clear(topic);
        }
    }

    @Test
    void aSearchServiceOrderGrantsAccessThroughTheContentSearchAgent() {
        Session customer = register();
        assertProblem(uploads(customer), 403, "search_access_required");
        Instant before = Instant.now();
        UUID orderId = paidOrder(customer, product("ai_search_service"), 2, null);

        JsonNode order = awaitOrder(customer, orderId, "completed");
        assertThat(statuses(order)).endsWith("paid", "fulfilling", "completed");
        assertThat(order.path("timeline").get(4).path("actor").path("id").asString())
                .isEqualTo("203");
        assertThat(uploads(customer).status()).isEqualTo(200);
        Map<String, Object> grant = grant(orderId);
        assertThat(grant.get("user_id")).isEqualTo(customer.id());
        assertThat(((java.sql.Timestamp) grant.get("expires_at")).toInstant())
                .isBetween(before.plus(60, ChronoUnit.DAYS), Instant.now().plus(60, ChronoUnit.DAYS));

        // A second order extends the access: it starts when the first ends.
        UUID second = paidOrder(customer, product("ai_search_service"), 1, null);
        awaitOrder(customer, second, "completed");
        assertThat(grant(second).get("starts_at")).isEqualTo(grant.get("expires_at"));

        JsonNode tasks = api.get("/api/agents/tasks?agent=content_search&status=completed&size=100")
                .token(adminSession().accessToken())
                .send()
                .json();
        assertThat(tasks.path("items").findValuesAsString("resourceId")).contains(orderId.toString());
    }

    @Test
    void aConsultingOrderBecomesAStaffTaskThatTheAdminCompletes() {
        Session customer = register();
        UUID orderId = paidOrder(customer, product("business_consulting"), 1, Map.of("notes", "Help us price"));
        awaitOrder(customer, orderId, "fulfilling");
        UUID taskId = jdbc.sql("SELECT agent_task_id FROM fulfilments WHERE order_id = :order")
                .param("order", orderId)
                .query(UUID.class)
                .single();
        JsonNode task = task(taskId);
        assertThat(task.path("status").asString()).isEqualTo("submitted");
        assertThat(task.path("execution").asString()).isEqualTo("manual");
        assertThat(task.path("agentType").asString()).isEqualTo("document_generator");
        assertThat(task.path("resourceId").asString()).isEqualTo(orderId.toString());
        assertThat(task.path("input").path("notes").path("notes").asString()).isEqualTo("Help us price");

        Api.Response completed = api.post("/api/orders/" + orderId + "/complete")
                .token(adminSession().accessToken())
                .json(Map.of("note", "Workshop held"))
                .send();
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        JsonNode done = await().atMost(Duration.ofSeconds(10))
                .until(() -> task(taskId), t -> t.path("status").asString().equals("completed"));
        assertThat(done.path("result").path("note").asString()).isEqualTo("Workshop held");
    }

    @Test
    void aSupportOrderCancelledByAnAdminCancelsItsTask() {
        Session customer = register();
        UUID orderId = paidOrder(customer, product("technical_support"), 1, null);
        awaitOrder(customer, orderId, "fulfilling");
        UUID taskId = jdbc.sql("SELECT agent_task_id FROM fulfilments WHERE order_id = :order")
                .param("order", orderId)
                .query(UUID.class)
                .single();
        assertThat(task(taskId).path("agentType").asString()).isEqualTo("content_search");

        Api.Response cancelled = api.post("/api/orders/" + orderId + "/cancel")
                .token(adminSession().accessToken())
                .send();
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> task(taskId).path("status").asString().equals("cancelled"));
    }

    @Test
    void aRunningOrderJobIsStoppedOnlyByAnAdminAndTheOrderIsCancelledWithIt() throws Exception {
        Session customer = register();
        String topic = "Cancelled course " + UUID.randomUUID();
        CountDownLatch arrived = ScriptedOfflineResponder.hold(topic);
        try {
            UUID orderId = paidOrder(customer, product("ai_course_generation"), 1, courseInput(topic, "en", 1));
            assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();
            String jobId = order(customer, orderId).path("aiJobId").asString();

            assertProblem(
                    api.post("/api/ai/jobs/" + jobId + "/cancel")
                            .token(customer.accessToken())
                            .send(),
                    409,
                    "invalid_state");
            Api.Response cancelled = api.post("/api/ai/jobs/" + jobId + "/cancel")
                    .token(adminSession().accessToken())
                    .send();
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
            ScriptedOfflineResponder.release(topic);

            awaitJob(customer, jobId, "cancelled");
            JsonNode order = awaitOrder(customer, orderId, "cancelled");
            assertThat(statuses(order)).endsWith("fulfilling", "cancelled");
            JsonNode cancelledBy = order.path("timeline")
                    .get(order.path("timeline").size() - 1)
                    .path("actor");
            assertThat(cancelledBy.path("type").asString())
                    .as("the admin who cancelled the job cancelled the order")
                    .isEqualTo("user");
            assertThat(cancelledBy.path("id").asString())
                    .isEqualTo(adminSession().id().toString());
        } finally {
            ScriptedOfflineResponder.clear(topic);
        }
    }

    @Test
    void anOrderJobCancelledOnTheAgentBoardCancelsTheOrderInTheAdminsName() throws Exception {
        Session customer = register();
        String topic = "Cancelled on the board " + UUID.randomUUID();
        CountDownLatch arrived = ScriptedOfflineResponder.hold(topic);
        try {
            UUID orderId = paidOrder(customer, product("ai_course_generation"), 1, courseInput(topic, "en", 1));
            assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();
            String jobId = order(customer, orderId).path("aiJobId").asString();
            UUID taskId = jdbc.sql("SELECT id FROM agent_tasks WHERE ai_job_id = :job")
                    .param("job", UUID.fromString(jobId))
                    .query(UUID.class)
                    .single();

            Api.Response cancelled = api.post("/api/agents/tasks/" + taskId + "/cancel")
                    .token(adminSession().accessToken())
                    .send();
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
            ScriptedOfflineResponder.release(topic);

            JsonNode order = awaitOrder(customer, orderId, "cancelled");
            JsonNode cancelledBy = order.path("timeline")
                    .get(order.path("timeline").size() - 1)
                    .path("actor");
            assertThat(cancelledBy.path("type").asString()).isEqualTo("user");
            assertThat(cancelledBy.path("id").asString())
                    .isEqualTo(adminSession().id().toString());
        } finally {
            ScriptedOfflineResponder.clear(topic);
        }
    }

    @Test
    void aPaidEventDeliveredAgainStartsNothingNew() {
        Session customer = register();
        UUID orderId = paidOrder(customer, product("ai_document_generation"), 1, documentInput("Annual report"));
        awaitOrder(customer, orderId, "completed");
        OrderSnapshot order = orders.find(orderId).orElseThrow();
        OrderStatusChanged paid = new OrderStatusChanged(
                order,
                OrderStatus.AWAITING_PAYMENT,
                OrderStatus.PAID,
                order.timeline().get(2));

        // Redelivered twice at once, as after a crash on two instances.
        fulfilment.on(paid);
        fulfilment.on(paid);
        fulfilment.route(orderId);

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> jobsFor(orderId) == 1);
        assertThat(orders.find(orderId).orElseThrow().status()).isEqualTo(OrderStatus.COMPLETED);
    }

    @Test
    void aPaidEventForAnOrderThatIsNotPaidAnyMoreIsIgnored() {
        Session customer = register();
        UUID orderId = paidOrder(customer, product("business_consulting"), 1, null);
        awaitOrder(customer, orderId, "fulfilling");
        jdbc.sql("DELETE FROM fulfilments WHERE order_id = :order")
                .param("order", orderId)
                .update();

        fulfilment.route(orderId);

        assertThat(jdbc.sql("SELECT count(*) FROM fulfilments WHERE order_id = :order")
                        .param("order", orderId)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private long jobsFor(UUID orderId) {
        return jdbc.sql("SELECT count(*) FROM ai_jobs WHERE order_id = :order")
                .param("order", orderId)
                .query(Long.class)
                .single();
    }

    private JsonNode task(UUID taskId) {
        Api.Response response = api.get("/api/agents/tasks/" + taskId)
                .token(adminSession().accessToken())
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private Api.Response uploads(Session user) {
        return api.get("/api/search/uploads").token(user.accessToken()).send();
    }

    private Map<String, Object> grant(UUID orderId) {
        return jdbc.sql("SELECT user_id, starts_at, expires_at FROM search_access WHERE order_id = :order")
                .param("order", orderId)
                .query()
                .singleRow();
    }
}
