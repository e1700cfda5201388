package dev.miyabi.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 3: an instance reaches PostgreSQL through a proxy that is cut for 10 seconds while course
 * jobs run (every connection closed, new ones refused) — the machine's PostgreSQL itself stays up. During
 * the outage the API answers 503 problem+json with {@code Retry-After}, never 500, and readiness is down;
 * afterwards readiness is up again, the customers' retried orders (same keys) are placed once, and every
 * paid order completes with one job and one charge.
 */
class PostgresOutageIntegrationTests {

    private static final String SCENARIO = "postgres-outage";
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    /**
     * Short job leases (as in scenario 1) and idempotency locks, and a pool that gives up on a connection after 2 s instead of
     * 30 s, so requests during a 10-second outage answer instead of waiting it out.
     */
    static final Map<String, String> SETTINGS = Map.of(
            "MIYABI_JOBS_LEASE_DURATION", "5s",
            "MIYABI_JOBS_HEARTBEAT_INTERVAL", "1s",
            "MIYABI_JOBS_RECOVERY_INTERVAL", "1s",
            "MIYABI_JOBS_POLL_INTERVAL", "1s",
            "MIYABI_EVENTS_STALE_AFTER", "15s",
            "MIYABI_EVENTS_REDELIVERY_INTERVAL", "2s",
            "MIYABI_IDEMPOTENCY_LOCK_TIMEOUT", "10s",
            "SPRING_DATASOURCE_HIKARI_CONNECTIONTIMEOUT", "2000");

    @Test
    void anOutageAnswers503AndLosesNothingAcceptedBeforeOrDuringIt() throws Exception {
        try (Database db = Database.create("outage");
                TcpProxy proxy = new TcpProxy(db.host, db.port);
                ServerProcess a =
                        new ServerProcess(SCENARIO, "a", db.url("127.0.0.1", proxy.port()), db.user(), SETTINGS)) {
            a.start().awaitReady();
            String base = a.url();
            UUID python = Api.product(base, "Python for Data Analysis");
            List<Api.Session> customers = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                customers.add(Api.register(base, "customer" + c + "@faults.local"));
            }
            for (int i = 0; i < 12; i++) {
                Api.Session customer = customers.get(i % customers.size());
                JsonNode order = Shop.place(base, customer, python, Api.course(40, i), "order-" + i);
                Api.Answer paid = Shop.pay(base, customer, order.get("id").asString(), "pay-" + i);
                assertThat(paid.status()).as("payment: %s", paid.body()).isEqualTo(201);
            }
            await("jobs to be mid-run")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() ->
                            db.count("SELECT count(*) FROM ai_jobs WHERE status = 'running' AND progress_completed > 0")
                                    >= 2);
            Snapshot before = Snapshot.of(db);

            proxy.cut();
            Instant end = Instant.now().plus(OUTAGE);
            Map<Integer, Long> answers = new ConcurrentSkipListMap<>();
            List<String> unexpected = new CopyOnWriteArrayList<>();
            AtomicLong withRetryAfter = new AtomicLong();
            AtomicBoolean readinessDown = new AtomicBoolean();
            HttpClient http = HttpClient.newHttpClient();
            record Refused(String key, Api.Session customer, Map<String, Object> order) {}
            List<Refused> refused = new CopyOnWriteArrayList<>();
            AtomicInteger attempts = new AtomicInteger();
            List<Future<?>> clients = new ArrayList<>();
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                // Each customer keeps reading and ordering through the outage; a probe watches readiness.
                for (Api.Session customer : customers) {
                    clients.add(executor.submit(() -> {
                        while (Instant.now().isBefore(end)) {
                            int attempt = attempts.getAndIncrement();
                            String key = "outage-" + attempt;
                            Map<String, Object> order = Map.of(
                                    "productId",
                                    python.toString(),
                                    "quantity",
                                    1,
                                    "input",
                                    Api.course(40, 100 + attempt));
                            List<Api.Answer> round = new ArrayList<>();
                            round.add(Api.call(base, "GET", "/api/orders?size=5", customer.token(), null, null));
                            Api.Answer placed = Api.call(base, "POST", "/api/orders", customer.token(), key, order);
                            round.add(placed);
                            if (placed.status() != 201) {
                                refused.add(new Refused(key, customer, order));
                            }
                            for (Api.Answer answer : round) {
                                answers.merge(answer.status(), 1L, Long::sum);
                                if (answer.status() == 503) {
                                    if (!answer.contentType().startsWith("application/problem+json")) {
                                        unexpected.add("503 as " + answer.contentType());
                                    }
                                    withRetryAfter.addAndGet(answer.retryAfter().isPresent() ? 1 : 0);
                                } else if (answer.status() >= 500) {
                                    unexpected.add(answer.status() + " " + answer.body());
                                }
                            }
                        }
                        return null;
                    }));
                }
                clients.add(executor.submit(() -> {
                    while (Instant.now().isBefore(end)) {
                        if (a.readiness(http) != 200) {
                            readinessDown.set(true);
                        }
                        Thread.sleep(500);
                    }
                    return null;
                }));
                for (Future<?> client : clients) {
                    client.get();
                }
            }
            proxy.restore();
            Instant restored = Instant.now();
            await("readiness to come back")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> a.readiness(http) == 200);
            Duration backIn = Duration.between(restored, Instant.now());

            // The customers retry what the outage refused, with the same keys, and pay.
            int retried = 0;
            for (Refused pending : refused) {
                Api.Answer placed = Api.call(
                        base, "POST", "/api/orders", pending.customer().token(), pending.key(), pending.order());
                // A key claimed just before the cut stays held until the lock timeout (its release failed too).
                for (int wait = 0; placed.status() == 409 && wait < 30; wait++) {
                    Thread.sleep(1000);
                    placed = Api.call(
                            base, "POST", "/api/orders", pending.customer().token(), pending.key(), pending.order());
                }
                assertThat(placed.status())
                        .as("retried order: %s", placed.body())
                        .isEqualTo(201);
                String id = placed.body().get("id").asString();
                assertThat(Shop.pay(base, pending.customer(), id, "pay-" + pending.key())
                                .status())
                        .isEqualTo(201);
                retried++;
            }
            long orders = db.count("SELECT count(*) FROM orders");
            Ledger.awaitSettled(db);
            Snapshot after = Snapshot.of(db);
            Map<String, Long> lost = Ledger.lost(db);
            Map<String, Long> duplicated = Ledger.duplicated(db);

            System.out.println("FAULT " + SCENARIO + ": PostgreSQL cut off from a for " + OUTAGE.toSeconds()
                    + " s; before: " + before + "; during: answers " + answers + " (503 with Retry-After "
                    + withRetryAfter + "), readiness down " + readinessDown.get() + "; ready again " + backIn.toMillis()
                    + " ms after the restore; orders refused during it and placed by retry " + retried
                    + "; jobs run again after the outage broke their attempt "
                    + db.count("SELECT count(*) FROM ai_jobs WHERE order_id IS NOT NULL AND attempts > 1")
                    + "; after: " + after + "; lost " + Ledger.total(lost) + " " + lost + ", duplicated "
                    + Ledger.total(duplicated) + " " + duplicated);

            assertThat(unexpected)
                    .as("answers other than 503 problem+json among the 5xx")
                    .isEmpty();
            assertThat(answers).as("answers during the outage").containsKey(503);
            assertThat(withRetryAfter.get()).as("503s with Retry-After").isEqualTo(answers.get(503));
            assertThat(readinessDown.get())
                    .as("readiness down during the outage")
                    .isTrue();
            assertThat(orders).as("orders: 12 before, one per key retried").isEqualTo(12 + retried);
            assertThat(after.orders()).containsExactly(Map.entry("completed", orders));
            assertThat(after.jobs()).containsExactly(Map.entry("completed", orders));
            assertThat(after.charges()).isEqualTo(orders);
            assertThat(lost)
                    .as("lost")
                    .allSatisfy((what, count) -> assertThat(count).as(what).isZero());
            assertThat(duplicated)
                    .as("duplicated")
                    .allSatisfy((what, count) -> assertThat(count).as(what).isZero());
        }
    }
}
