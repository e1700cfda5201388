package dev.miyabi.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 2: 40 customers pay at once on instance a, each with its own {@code Idempotency-Key}; a is
 * killed with SIGKILL while the payments are in flight (the sandbox gateway takes 400 ms per call).
 * Every client retries the same request with the same key on instance b until it gets its 201: each
 * order is captured exactly once — in the platform's payments and in the gateway's own ledger — none is
 * left unpayable, and no answer is a 5xx other than the retryable 503 "busy" (with Retry-After).
 */
class KillMidPaymentsIntegrationTests {

    private static final String SCENARIO = "kill-mid-payments";
    private static final int ORDERS = 40;

    /**
     * Slow gateway calls (so payments are in flight; reconciliation settles payments one after another, each
     * with two calls), and short waits for what a dead request held.
     */
    static final Map<String, String> SETTINGS = Map.of(
            "MIYABI_PAYMENTS_SANDBOX_LATENCY", "400ms",
            "MIYABI_IDEMPOTENCY_LOCK_TIMEOUT", "10s",
            "MIYABI_PAYMENTS_RECONCILIATION_INTERVAL", "2s",
            "MIYABI_PAYMENTS_RECONCILIATION_GRACE", "5s",
            "MIYABI_PAYMENTS_RECONCILIATION_MAX_BACKOFF", "4s",
            "MIYABI_PAYMENTS_RECONCILIATION_LEASE", "10s",
            "MIYABI_EVENTS_STALE_AFTER", "15s",
            "MIYABI_EVENTS_REDELIVERY_INTERVAL", "2s");

    @Test
    void everyOrderIsCapturedExactlyOnceWhenItsInstanceDiesMidPayment() throws Exception {
        try (Database db = Database.create("payments");
                ServerProcess a = new ServerProcess(SCENARIO, "a", db.url(), db.user(), SETTINGS);
                ServerProcess b = new ServerProcess(SCENARIO, "b", db.url(), db.user(), SETTINGS)) {
            a.start();
            b.start();
            a.awaitReady();
            b.awaitReady();

            UUID support = Api.product(b.url(), "Technical Support: Priority");
            record Pending(Api.Session customer, String orderId, String key) {}
            List<Pending> pending = new ArrayList<>();
            for (int c = 0; c < ORDERS / 4; c++) {
                Api.Session customer = Api.register(b.url(), "payer" + c + "@faults.local");
                for (int i = 0; i < 4; i++) {
                    int number = c * 4 + i;
                    JsonNode order = Shop.place(b.url(), customer, support, "priority " + number, "order-" + number);
                    pending.add(new Pending(customer, order.get("id").asString(), "pay-" + number));
                }
            }

            Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
            Map<String, AtomicLong> conflicts = new ConcurrentHashMap<>();
            AtomicLong connectionFailures = new AtomicLong();
            ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
            List<Future<Integer>> clients = new ArrayList<>();
            int exit;
            Snapshot before;
            long inFlight;
            long chargedUnrecorded;
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Pending p : pending) {
                    clients.add(executor.submit(() -> {
                        // The first try goes to a; once a is gone the client retries on b with the same key.
                        String base = a.url();
                        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
                        while (Instant.now().isBefore(deadline)) {
                            Api.Answer answer;
                            try {
                                answer = Shop.pay(base, p.customer(), p.orderId(), p.key());
                            } catch (IOException connectionLost) {
                                connectionFailures.incrementAndGet();
                                base = b.url();
                                continue;
                            }
                            answers.computeIfAbsent(answer.status(), s -> new AtomicLong())
                                    .incrementAndGet();
                            // A 503 "busy" with Retry-After (no pooled connection within 2 s while the
                            // survivor takes over a's clients) is the overload answer clients retry, as this one
                            // does; any other 5xx is a server error.
                            boolean overloaded = answer.status() == 503
                                    && answer.retryAfter().isPresent()
                                    && "service_unavailable".equals(answer.text("code"));
                            if (answer.status() >= 500 && !overloaded) {
                                serverErrors.add(answer.status() + " " + answer.body());
                            }
                            if (answer.status() == 201) {
                                return 201;
                            }
                            if (answer.status() == 409) {
                                conflicts
                                        .computeIfAbsent(answer.text("code"), s -> new AtomicLong())
                                        .incrementAndGet();
                            }
                            Thread.sleep(500);
                        }
                        return -1;
                    }));
                }
                await("payments to be in flight on a")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> db.count("SELECT count(*) FROM payments") >= ORDERS / 2);
                // Kill at the first charge the gateway made (within 2 s): others are then charged but not yet
                // recorded, or still waiting for the gateway.
                try {
                    await().atMost(Duration.ofSeconds(2))
                            .pollInterval(Duration.ofMillis(10))
                            .until(() ->
                                    db.count("SELECT count(*) FROM sandbox_charges WHERE status = 'succeeded'") > 0);
                } catch (ConditionTimeoutException notYet) {
                    // kill now anyway
                }
                exit = a.kill();
                inFlight = db.count("SELECT count(*) FROM payments WHERE status = 'processing'");
                chargedUnrecorded = db.count("""
                        SELECT count(*) FROM sandbox_charges c JOIN payments p ON c.idempotency_key = 'payment-' || p.id
                        WHERE c.status = 'succeeded' AND p.status = 'processing'""");
                before = Snapshot.of(db);
                for (Future<Integer> client : clients) {
                    assertThat(client.get()).as("a client's final answer").isEqualTo(201);
                }
            }
            await("every module event to be handled (those a died with are delivered again)")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> db.count("SELECT count(*) FROM event_publication WHERE completion_date IS NULL") == 0);
            Snapshot after = Snapshot.of(db);
            Map<String, Long> lost = Ledger.lost(db);
            Map<String, Long> duplicated = Ledger.duplicated(db);

            System.out.println("FAULT " + SCENARIO + ": killed a (exit " + exit + ") with " + inFlight
                    + " payments processing (" + chargedUnrecorded + " of them charged by the gateway); before: "
                    + before + "; after: " + after + "; answers " + answers
                    + " (409s " + conflicts + ", connections lost " + connectionFailures + "); lost "
                    + Ledger.total(lost) + " " + lost + ", duplicated " + Ledger.total(duplicated) + " "
                    + duplicated);

            assertThat(exit).as("a's exit status: SIGKILL is 128 + 9").isEqualTo(137);
            assertThat(inFlight).as("payments processing when a was killed").isPositive();
            assertThat(serverErrors).as("5xx answers").isEmpty();
            assertThat(answers.keySet()).as("statuses answered").isSubsetOf(201, 202, 409, 503);
            assertThat(after.payments()).containsEntry("succeeded", (long) ORDERS);
            assertThat(after.charges()).as("charges in the gateway's ledger").isEqualTo(ORDERS);
            assertThat(db.count("""
                            SELECT count(*) FROM orders o WHERE o.status IN ('paid', 'fulfilling', 'completed')
                              AND (SELECT count(*) FROM payments p WHERE p.order_id = o.id AND p.status = 'succeeded') = 1
                            """))
                    .as("orders paid with exactly one captured payment")
                    .isEqualTo(ORDERS);
            assertThat(lost)
                    .as("lost")
                    .allSatisfy((what, count) -> assertThat(count).as(what).isZero());
            assertThat(duplicated)
                    .as("duplicated")
                    .allSatisfy((what, count) -> assertThat(count).as(what).isZero());
        }
    }
}
