package dev.miyabi.platform.state.internal;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.aijobs.AiJobs;
import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.aijobs.NewJob;
import dev.miyabi.platform.orders.Orders;
import dev.miyabi.platform.orders.TimelineNote;
import dev.miyabi.platform.shared.Actor;
import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.CommerceFixtures;
import dev.miyabi.platform.support.StepsJobHandler;
import dev.miyabi.platform.support.WsClient;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/admin/metrics/summary}: computed in SQL from the tables and the persisted latency buckets. */
class MetricsSummaryIntegrationTests extends CommerceFixtures {

    @Autowired
    Orders orders;

    @Autowired
    AiJobs jobs;

    @Autowired
    ApiLatencyRecorder latencyRecorder;

    @Test
    void theSummaryIsForAdminsAndTheWindowIsOneToOneHundredSixtyEightHours() {
        String path = "/api/admin/metrics/summary";
        assertProblem(api.get(path).send(), 401, "unauthorized");
        assertProblem(api.get(path).token(register().accessToken()).send(), 403, "forbidden");
        Session admin = admin();
        for (String bad : List.of("0", "169", "-1", "ten")) {
            JsonNode problem = assertProblem(
                    api.get(path + "?hours=" + bad).token(admin.accessToken()).send(), 400, "validation_failed");
            assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("hours");
        }

        JsonNode day = api.get(path).token(admin.accessToken()).send().json();
        assertThat(day.path("series")).hasSize(24);
        assertThat(day.path("window").path("hours").asInt()).isEqualTo(24);
        Instant from = Instant.parse(day.path("window").path("from").asString());
        Instant to = Instant.parse(day.path("window").path("to").asString());
        assertThat(from).isEqualTo(to.truncatedTo(ChronoUnit.HOURS).minus(23, ChronoUnit.HOURS));
        assertThat(Instant.parse(day.path("series").get(23).path("hour").asString()))
                .isEqualTo(to.truncatedTo(ChronoUnit.HOURS));
        // Payment outcomes are counted for every hour, zero included.
        assertThat(day.path("series")).allSatisfy(point -> {
            assertThat(point.path("paymentsSucceeded").isIntegralNumber()).isTrue();
            assertThat(point.path("paymentsFailed").isIntegralNumber()).isTrue();
        });

        JsonNode week =
                api.get(path + "?hours=168").token(admin.accessToken()).send().json();
        assertThat(week.path("series")).hasSize(168);
    }

    @Test
    void ordersJobsAndLatencyOfTheCurrentHourAreCountedFromTheTables() {
        Session admin = admin();
        Session customer = register();
        String product = product(admin);
        // A new product is indexed for search by a search_indexing job, and earlier tests may have left jobs
        // running: let them end before counting (queue tests leave jobs of types no worker takes, 'test.*').
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("""
                                SELECT count(*) FROM ai_jobs
                                WHERE status = 'running' OR (status = 'queued' AND job_type NOT LIKE 'test.%')
                                """).query(Long.class).single() == 0);
        latencyRecorder.flush();
        JsonNode before = summary(admin);

        UUID completed = order(customer, product);
        order(customer, product);
        orders.markPaid(
                completed,
                UUID.randomUUID(),
                Actor.system(),
                TimelineNote.of(TimelineNote.Kind.PAID, "paid in the test"));
        Api.Response done = api.post("/api/orders/" + completed + "/complete")
                .token(admin.accessToken())
                .send();
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        Job succeeding = jobs.enqueue(steps(customer, false));
        Job failing = jobs.enqueue(steps(customer, true));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jobs.find(succeeding.id()).orElseThrow().status().isFinal()
                        && jobs.find(failing.id()).orElseThrow().status().isFinal());
        latencyRecorder.flush();
        JsonNode after = summary(admin);

        JsonNode hourBefore = currentHour(before, after);
        JsonNode hourAfter = after.path("series").get(23);
        assertThat(delta(hourBefore, hourAfter, "ordersCreated")).isEqualTo(2);
        assertThat(delta(hourBefore, hourAfter, "ordersCompleted")).isEqualTo(1);
        assertThat(delta(hourBefore, hourAfter, "jobsCompleted")).isEqualTo(1);
        assertThat(delta(hourBefore, hourAfter, "jobsFailed")).isEqualTo(1);
        // Every /api request between the two flushes was timed and saved: the first summary, two orders, the
        // completion.
        assertThat(delta(hourBefore, hourAfter, "requests")).isEqualTo(4);
        assertThat(after.path("requests").asLong())
                .isGreaterThan(before.path("requests").asLong());
        assertThat(after.path("p95LatencyMs").decimalValue()).isPositive();
        assertThat(hourAfter.path("p95LatencyMs").decimalValue()).isPositive();

        // The rates over the window, checked against the tables directly.
        Instant from = Instant.parse(after.path("window").path("from").asString());
        Map<String, Object> ended =
                jdbc.sql("""
                        SELECT count(*) FILTER (WHERE status = 'completed') AS completed, count(*) AS ended
                        FROM orders WHERE status IN ('completed', 'failed', 'cancelled', 'rejected')
                          AND coalesce(completed_at, updated_at) >= :from
                        """).param("from", Timestamp.from(from)).query().singleRow();
        assertThat(after.path("orderCompletionRate").decimalValue())
                .isEqualByComparingTo(MetricsService.rate((Long) ended.get("completed"), (Long) ended.get("ended")));
        long jobsCompleted = sum(after, "jobsCompleted");
        long jobsFailed = sum(after, "jobsFailed");
        assertThat(after.path("aiJobSuccessRate").decimalValue())
                .isEqualByComparingTo(MetricsService.rate(jobsCompleted, jobsCompleted + jobsFailed));
        assertThat(after.path("jobsQueued").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(after.path("jobsRunning").asLong()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aDeclineAndASuccessInTheCurrentHourMoveThePaymentSuccessRate() {
        Session admin = admin();
        Session customer = register();
        JsonNode before = summary(admin);

        UUID order = orderAwaitingPayment(customer, "30.00");
        assertProblem(pay(customer, order, "pm_card_chargeDeclinedInsufficientFunds"), 402, "payment_declined");
        Api.Response paid = pay(customer, order, "pm_card_visa");
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        JsonNode after = summary(admin);

        JsonNode hourBefore = currentHour(before, after);
        JsonNode hourAfter = after.path("series").get(23);
        // Exactly these two, plus whatever else settled meanwhile (reconciliation of another test's payment).
        Instant hour = Instant.parse(hourAfter.path("hour").asString());
        Instant beforeTo = Instant.parse(before.path("window").path("to").asString());
        Instant to = Instant.parse(after.path("window").path("to").asString());
        Map<String, Object> others = jdbc.sql("""
                        SELECT count(*) FILTER (WHERE status <> 'failed') AS succeeded,
                            count(*) FILTER (WHERE status = 'failed') AS failed
                        FROM payments WHERE settled_at >= :since AND settled_at < :to AND order_id <> :order
                        """)
                .param("since", Timestamp.from(beforeTo.isAfter(hour) ? beforeTo : hour))
                .param("to", Timestamp.from(to))
                .param("order", order)
                .query()
                .singleRow();
        assertThat(delta(hourBefore, hourAfter, "paymentsSucceeded")).isEqualTo(1 + (Long) others.get("succeeded"));
        assertThat(delta(hourBefore, hourAfter, "paymentsFailed")).isEqualTo(1 + (Long) others.get("failed"));
        // The rate over the window is succeeded ÷ (succeeded + failed), as the table has them by outcome time.
        Instant from = Instant.parse(after.path("window").path("from").asString());
        Map<String, Object> settled = jdbc.sql("""
                        SELECT count(*) FILTER (WHERE status <> 'failed') AS succeeded, count(*) AS settled
                        FROM payments WHERE settled_at >= :from AND settled_at < :to
                        """)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query()
                .singleRow();
        BigDecimal rate = after.path("paymentSuccessRate").decimalValue();
        assertThat(rate)
                .isEqualByComparingTo(
                        MetricsService.rate((Long) settled.get("succeeded"), (Long) settled.get("settled")))
                .isGreaterThan(BigDecimal.ZERO)
                .isLessThan(BigDecimal.ONE);
        assertThat(sum(after, "paymentsSucceeded") + sum(after, "paymentsFailed"))
                .isEqualTo((Long) settled.get("settled"));
    }

    /**
     * p95 from merged buckets of several instances, linear within its bucket: 100 requests, 50 ≤ 10 ms,
     * 40 in (10, 20] (two instances), 10 in (40, 50] → the 95th is half-way into (40, 50] = 45 ms. Beyond the
     * last finite bound it is that bound.
     */
    @Test
    void theP95IsComputedInSqlFromTheMergedBucketsOfAllInstances() {
        Session admin = admin();
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant hourA = now.minus(100, ChronoUnit.HOURS);
        Instant hourB = now.minus(101, ChronoUnit.HOURS);
        String one = "test-instance-" + UUID.randomUUID();
        String two = "test-instance-" + UUID.randomUUID();
        try {
            bucket(hourA, one, 10, 50);
            bucket(hourA, one, 20, 15);
            bucket(hourA, two, 20, 25);
            bucket(hourA, two, 50, 10);
            bucket(hourB, one, 5, 90);
            bucket(hourB, two, LatencyHistogram.INFINITY, 10);

            JsonNode week = api.get("/api/admin/metrics/summary?hours=168")
                    .token(admin.accessToken())
                    .send()
                    .json();
            JsonNode a = hour(week, hourA);
            assertThat(a.path("requests").asLong()).isEqualTo(100);
            assertThat(a.path("p95LatencyMs").decimalValue()).isEqualByComparingTo(new BigDecimal("45.0"));
            JsonNode b = hour(week, hourB);
            assertThat(b.path("requests").asLong()).isEqualTo(100);
            assertThat(b.path("p95LatencyMs").decimalValue()).isEqualByComparingTo(new BigDecimal("30000"));
            assertThat(hour(week, now.minus(102, ChronoUnit.HOURS))
                            .path("p95LatencyMs")
                            .isNull())
                    .isTrue();
        } finally {
            jdbc.sql("DELETE FROM api_latency_buckets WHERE instance_id IN (:one, :two)")
                    .param("one", one)
                    .param("two", two)
                    .update();
        }
    }

    private void bucket(Instant hour, String instance, int bound, long count) {
        jdbc.sql("""
                        INSERT INTO api_latency_buckets (hour, instance_id, bucket_le_ms, count)
                        VALUES (:hour, :instance, :bound, :count)
                        """)
                .param("hour", Timestamp.from(hour))
                .param("instance", instance)
                .param("bound", bound)
                .param("count", count)
                .update();
    }

    private static JsonNode hour(JsonNode summary, Instant hour) {
        for (JsonNode point : summary.path("series")) {
            if (Instant.parse(point.path("hour").asString()).equals(hour)) {
                return point;
            }
        }
        throw new AssertionError("no point for " + hour);
    }

    /** The point of the hour the second summary ends in, from the first (zero if the hour turned between). */
    private static JsonNode currentHour(JsonNode before, JsonNode after) {
        String hour = after.path("series").get(23).path("hour").asString();
        for (JsonNode point : before.path("series")) {
            if (point.path("hour").asString().equals(hour)) {
                return point;
            }
        }
        return WsClient.JSON.createObjectNode();
    }

    private static long delta(JsonNode before, JsonNode after, String field) {
        return after.path(field).asLong() - before.path(field).asLong(0);
    }

    private static long sum(JsonNode summary, String field) {
        long total = 0;
        for (JsonNode point : summary.path("series")) {
            total += point.path(field).asLong();
        }
        return total;
    }

    private JsonNode summary(Session admin) {
        Api.Response response =
                api.get("/api/admin/metrics/summary").token(admin.accessToken()).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static NewJob steps(Session owner, boolean fail) {
        return NewJob.of(
                StepsJobHandler.TYPE,
                WsClient.JSON.createObjectNode().put("steps", 1).put("fail", fail),
                owner.id());
    }

    private String product(Session admin) {
        Api.Response created = api.post("/api/products")
                .token(admin.accessToken())
                .json(Map.of(
                        "name",
                        "Consulting " + UUID.randomUUID(),
                        "price",
                        Map.of("amount", "70.00", "currency", "USD"),
                        "category",
                        "business_consulting"))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    private UUID order(Session customer, String product) {
        Api.Response placed = api.post("/api/orders")
                .token(customer.accessToken())
                .json(Map.of("productId", product, "quantity", 1))
                .send();
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return UUID.fromString(placed.text("id"));
    }
}
