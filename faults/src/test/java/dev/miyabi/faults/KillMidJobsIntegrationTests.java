package dev.miyabi.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 1: two instances on one database run the AI jobs of 30 paid course orders; one is killed with
 * SIGKILL while it holds running jobs. The survivor takes over their expired leases and resumes them from
 * their last finished step: every order completes with exactly one job, one course and one charge, and
 * nothing is refunded or announced twice.
 */
class KillMidJobsIntegrationTests {

    private static final String SCENARIO = "kill-mid-jobs";
    private static final int CUSTOMERS = 6;
    private static final int ORDERS_PER_CUSTOMER = 5;

    /** Short leases so the survivor takes over within seconds; abandoned module events likewise. */
    static final Map<String, String> SETTINGS = Map.of(
            "MIYABI_JOBS_LEASE_DURATION", "5s",
            "MIYABI_JOBS_HEARTBEAT_INTERVAL", "1s",
            "MIYABI_JOBS_RECOVERY_INTERVAL", "1s",
            "MIYABI_JOBS_POLL_INTERVAL", "1s",
            "MIYABI_EVENTS_STALE_AFTER", "15s",
            "MIYABI_EVENTS_REDELIVERY_INTERVAL", "2s");

    @Test
    void theSurvivorFinishesEveryJobOfAKilledInstanceExactlyOnce() throws Exception {
        try (Database db = Database.create("jobs");
                ServerProcess a = new ServerProcess(SCENARIO, "a", db.url(), db.user(), SETTINGS);
                ServerProcess b = new ServerProcess(SCENARIO, "b", db.url(), db.user(), SETTINGS)) {
            a.start();
            b.start();
            a.awaitReady();
            b.awaitReady();

            UUID python = Api.product(a.url(), "Python for Data Analysis");
            UUID enterprise = Api.product(a.url(), "Enterprise Cloud Architecture");
            Api.Session admin = Api.admin(b.url());
            List<String> orderIds = new ArrayList<>();
            try (ExecutorService customers = Executors.newFixedThreadPool(CUSTOMERS)) {
                List<Future<List<String>>> placed = new ArrayList<>();
                for (int c = 0; c < CUSTOMERS; c++) {
                    int customer = c;
                    String base = (customer % 2 == 0 ? a : b).url();
                    placed.add(customers.submit(() -> {
                        Api.Session session = Api.register(base, "customer" + customer + "@faults.local");
                        List<String> ids = new ArrayList<>();
                        for (int i = 0; i < ORDERS_PER_CUSTOMER; i++) {
                            int number = customer * ORDERS_PER_CUSTOMER + i;
                            // Two orders of 2 500 need an approval first; the rest are 49 each.
                            UUID product = number % 15 == 7 ? enterprise : python;
                            JsonNode order =
                                    Shop.place(base, session, product, Api.course(40, number), "order-" + number);
                            Shop.approveIfNeeded(base, admin, session, order);
                            String id = order.get("id").asString();
                            Api.Answer paid = Shop.pay(base, session, id, "pay-" + number);
                            assertThat(paid.status())
                                    .as("payment of %s: %s", id, paid.body())
                                    .isEqualTo(201);
                            ids.add(id);
                        }
                        return ids;
                    }));
                }
                for (Future<List<String>> ids : placed) {
                    orderIds.addAll(ids.get());
                }
            }
            int orders = orderIds.size();

            // Mid-run: a holds jobs that have finished some of their steps.
            await("a to be mid-way through jobs")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> db.count("""
                                    SELECT count(*) FROM ai_jobs WHERE status = 'running' AND lease_owner = 'a'
                                      AND order_id IS NOT NULL AND progress_completed > 0""") >= 2);
            int exit = a.kill();
            assertThat(exit).as("a's exit status: SIGKILL is 128 + 9").isEqualTo(137);
            List<Object> orphaned = db
                    .rows(
                            "SELECT id FROM ai_jobs WHERE status = 'running' AND lease_owner = 'a' AND order_id IS NOT NULL")
                    .stream()
                    .map(row -> row.get("id"))
                    .toList();
            Snapshot before = Snapshot.of(db);
            long stepsDoneOnA = db.count("""
                    SELECT coalesce(sum(progress_completed), 0) FROM ai_jobs
                    WHERE status = 'running' AND lease_owner = 'a' AND order_id IS NOT NULL""");

            Ledger.awaitSettled(db);
            Snapshot after = Snapshot.of(db);
            Map<String, Long> lost = Ledger.lost(db);
            Map<String, Long> duplicated = Ledger.duplicated(db);
            long takenOver = db.count(
                    "SELECT count(*) FROM ai_jobs WHERE id = ANY (?::uuid[]) AND status = 'completed'",
                    Database.uuidArray(orphaned));
            long resumedSteps = db.count("""
                    SELECT count(*) FROM ai_job_steps s JOIN ai_jobs j ON j.id = s.job_id WHERE j.id = ANY (?::uuid[])""", Database.uuidArray(orphaned));

            System.out.println("FAULT " + SCENARIO + ": killed a (exit " + exit + ") holding " + orphaned.size()
                    + " running jobs with " + stepsDoneOnA + " finished steps; before: " + before + "; after: "
                    + after + "; taken over and completed by b: " + takenOver + "/" + orphaned.size()
                    + " (steps stored " + resumedSteps + "); lost " + Ledger.total(lost) + " " + lost
                    + ", duplicated " + Ledger.total(duplicated) + " " + duplicated);

            assertThat(orphaned).as("jobs a was running when killed").isNotEmpty();
            assertThat(takenOver).isEqualTo(orphaned.size());
            assertThat(after.orders()).containsExactly(Map.entry("completed", (long) orders));
            assertThat(after.jobs()).containsExactly(Map.entry("completed", (long) orders));
            assertThat(db.count("SELECT count(*) FROM courses WHERE order_id IS NOT NULL"))
                    .isEqualTo(orders);
            assertThat(after.payments()).containsExactly(Map.entry("succeeded", (long) orders));
            assertThat(after.charges()).isEqualTo(orders);
            assertThat(db.count("""
                            SELECT count(*) FROM event_log WHERE event_type = 'job.completed'
                              AND resource_id IN (SELECT id::text FROM ai_jobs WHERE order_id IS NOT NULL)""")).isEqualTo(orders);
            assertThat(lost)
                    .as("lost")
                    .allSatisfy((what, count) -> assertThat(count).as(what).isZero());
            assertThat(duplicated)
                    .as("duplicated")
                    .allSatisfy((what, count) -> assertThat(count).as(what).isZero());

            // The killed instance comes back, as an orchestrator restarts it (same home, same settings): it is
            // ready again and an order it takes is paid and fulfilled once.
            long started = System.nanoTime();
            a.start();
            a.awaitReady();
            Api.Session late = Api.register(a.url(), "after-restart@faults.local");
            JsonNode order = Shop.place(a.url(), late, python, Api.course(40, orders), "order-after-restart");
            String id = order.get("id").asString();
            Api.Answer paid = Shop.pay(a.url(), late, id, "pay-after-restart");
            assertThat(paid.status())
                    .as("payment after the restart: %s", paid.body())
                    .isEqualTo(201);
            await("the order taken by the restarted instance to complete")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> db.count("SELECT count(*) FROM orders WHERE id = ?::uuid AND status = 'completed'", id)
                            == 1);
            System.out.println("FAULT " + SCENARIO + ": a restarted, ready and its order completed in "
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
            assertThat(db.count("SELECT count(*) FROM ai_jobs WHERE order_id = ?::uuid", id))
                    .isEqualTo(1);
            assertThat(Ledger.duplicated(db))
                    .as("duplicated after the restart")
                    .allSatisfy((what, count) -> assertThat(count).as(what).isZero());
        }
    }
}
