package dev.miyabi.platform.generation;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.generation.internal.ScriptedOfflineResponder;
import dev.miyabi.platform.support.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The studio's allowance over HTTP: studio jobs reserve their estimate when queued (so concurrent
 * submissions cannot overshoot), a retry reserves again, a job's end settles the reservation to what it
 * used, and jobs of paid orders never count.
 */
class StudioBudgetIntegrationTests extends GenerationFixtures {

    @Test
    void concurrentSubmissionsAgainstABudgetThatFitsThreeAdmitExactlyThree() throws Exception {
        Session customer = register();
        String topic = "Held budget course " + UUID.randomUUID();
        Map<String, Object> input = courseInput(topic, "en", 2);
        long estimate = estimateOf(customer, input);
        setUserAllowance(customer, 3 * estimate + estimate / 2);
        ScriptedOfflineResponder.hold(topic);
        List<Api.Response> answers = new ArrayList<>();
        try {
            int submissions = 8;
            CountDownLatch start = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newFixedThreadPool(submissions)) {
                List<Future<Api.Response>> futures = new ArrayList<>();
                for (int i = 0; i < submissions; i++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        return submit(customer, "course_generation", input);
                    }));
                }
                start.countDown();
                for (Future<Api.Response> future : futures) {
                    answers.add(future.get(60, TimeUnit.SECONDS));
                }
            }

            assertThat(answers).filteredOn(answer -> answer.status() == 202).hasSize(3);
            answers.stream().filter(answer -> answer.status() != 202).forEach(answer -> {
                JsonNode problem = assertProblem(answer, 429, "budget_exceeded");
                assertThat(problem.path("tokenBudget").path("reserved").asLong())
                        .isEqualTo(3 * estimate);
                assertThat(problem.path("tokenBudget").path("remaining").asLong())
                        .isEqualTo(estimate / 2);
            });
            assertThat(jobCount(customer)).isEqualTo(3);
            JsonNode held = budget(customer);
            assertThat(held.path("used").asLong()).isZero();
            assertThat(held.path("reserved").asLong()).isEqualTo(3 * estimate);
            assertThat(held.path("remaining").asLong()).isEqualTo(estimate / 2);
        } finally {
            ScriptedOfflineResponder.clear(topic);
        }

        // Each finished job settles its reservation: only what it used (offline tokens too) counts.
        long spent = 0;
        for (Api.Response accepted :
                answers.stream().filter(answer -> answer.status() == 202).toList()) {
            JsonNode done = awaitJob(customer, accepted.text("id"), "completed");
            spent += done.path("tokenUsage").path("input").asLong()
                    + done.path("tokenUsage").path("output").asLong();
        }
        assertThat(spent).isPositive();
        long used = spent;
        JsonNode settled = await().atMost(Duration.ofSeconds(30))
                .until(() -> budget(customer), now -> now.path("reserved").asLong() == 0);
        assertThat(settled.path("used").asLong()).isEqualTo(used);
        assertThat(settled.path("remaining").asLong()).isEqualTo(Math.max(0, 3 * estimate + estimate / 2 - used));
    }

    @Test
    void aRetryPastTheBudgetIsRefusedAndAFailedJobReleasesItsReservation() {
        Session customer = register();
        String topic = "Budget flaky quiz " + UUID.randomUUID();
        ScriptedOfflineResponder.fail(topic, "course.quiz");
        try {
            Api.Response created = submit(customer, "course_generation", courseInput(topic, "en", 1));
            assertThat(created.status()).as(created.toString()).isEqualTo(202);
            String jobId = created.text("id");
            UUID id = UUID.fromString(jobId);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> job(customer, jobId).path("error").asString().contains("Scripted failure"));
            jdbc.sql("UPDATE ai_jobs SET max_attempts = 2, run_at = now() WHERE id = :id")
                    .param("id", id)
                    .update();
            JsonNode failed = awaitJob(customer, jobId, "failed");
            long spent = failed.path("tokenUsage").path("input").asLong()
                    + failed.path("tokenUsage").path("output").asLong();
            assertThat(spent).isPositive();

            // Failed for good: the reservation is released and only what the attempts used counts.
            JsonNode released = await().atMost(Duration.ofSeconds(30))
                    .until(() -> budget(customer), now -> now.path("reserved").asLong() == 0);
            assertThat(released.path("used").asLong()).isEqualTo(spent);

            ScriptedOfflineResponder.clear(topic);
            setUserAllowance(customer, spent + 1_000);
            JsonNode refused = assertProblem(
                    api.post("/api/ai/jobs/" + jobId + "/retry")
                            .token(customer.accessToken())
                            .send(),
                    429,
                    "budget_exceeded");
            assertThat(refused.path("tokenBudget").path("remaining").asLong()).isEqualTo(1_000);
            assertThat(job(customer, jobId).path("status").asString()).isEqualTo("failed");
            assertThat(budget(customer).path("reserved").asLong()).isZero();

            setUserAllowance(customer, 0);
            Api.Response retried = api.post("/api/ai/jobs/" + jobId + "/retry")
                    .token(customer.accessToken())
                    .send();
            assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
            awaitJob(customer, jobId, "completed");
            JsonNode after = await().atMost(Duration.ofSeconds(30))
                    .until(() -> budget(customer), now -> now.path("reserved").asLong() == 0);
            JsonNode done = job(customer, jobId);
            assertThat(after.path("used").asLong())
                    .isEqualTo(done.path("tokenUsage").path("input").asLong()
                            + done.path("tokenUsage").path("output").asLong());
        } finally {
            ScriptedOfflineResponder.clear(topic);
        }
    }

    @Test
    void aCancelledJobReleasesItsReservation() throws Exception {
        Session customer = register();
        String topic = "Budget cancelled course " + UUID.randomUUID();
        CountDownLatch arrived = ScriptedOfflineResponder.hold(topic);
        try {
            String jobId = submit(customer, "course_generation", courseInput(topic, "en", 1))
                    .text("id");
            assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(budget(customer).path("reserved").asLong()).isPositive();

            api.post("/api/ai/jobs/" + jobId + "/cancel")
                    .token(customer.accessToken())
                    .send();
            ScriptedOfflineResponder.release(topic);
            JsonNode cancelled = awaitJob(customer, jobId, "cancelled");

            JsonNode released = await().atMost(Duration.ofSeconds(30))
                    .until(() -> budget(customer), now -> now.path("reserved").asLong() == 0);
            assertThat(released.path("used").asLong())
                    .isEqualTo(cancelled.path("tokenUsage").path("input").asLong()
                            + cancelled.path("tokenUsage").path("output").asLong());
        } finally {
            ScriptedOfflineResponder.clear(topic);
        }
    }

    @Test
    void jobsOfPaidOrdersNeverCountAgainstTheAllowance() {
        Session customer = register();
        setUserAllowance(customer, 1);
        UUID orderId = paidOrder(
                customer, product("ai_course_generation"), 1, courseInput("Paid negotiation course", "en", 1));

        JsonNode completed = awaitOrder(customer, orderId, "completed");
        JsonNode job = job(customer, completed.path("aiJobId").asString());
        assertThat(job.path("tokenUsage").path("output").asLong()).isPositive();
        JsonNode budget = budget(customer);
        assertThat(budget.path("used").asLong()).isZero();
        assertThat(budget.path("reserved").asLong()).isZero();
        assertProblem(
                submit(customer, "course_generation", courseInput("Studio negotiation course", "en", 1)),
                429,
                "budget_exceeded");
    }

    @Test
    void adminsAreUnlimitedAndTheDefaultAllowanceIsSmall() {
        JsonNode admin = api.get("/api/ai/budget")
                .token(adminSession().accessToken())
                .send()
                .json();
        assertThat(admin.path("unlimited").asBoolean()).isTrue();
        assertThat(admin.path("remaining").isNull()).isTrue();
        assertThat(admin.path("source").asString()).isEqualTo("admin");

        JsonNode customer = budget(register());
        assertThat(customer.path("limit").asLong()).isEqualTo(100_000);
        assertThat(customer.path("remaining").asLong()).isEqualTo(100_000);
        assertThat(customer.path("source").asString()).isEqualTo("default");
        assertThat(customer.path("resetsAt").asString()).endsWith("-01T00:00:00Z");
    }

    private long estimateOf(Session customer, Map<String, Object> input) {
        setUserAllowance(customer, 1);
        JsonNode problem = assertProblem(submit(customer, "course_generation", input), 429, "budget_exceeded");
        return problem.path("tokenBudget").path("requested").asLong();
    }

    private void setUserAllowance(Session user, long tokens) {
        Api.Response set = api.put("/api/admin/token-budgets/users/" + user.id())
                .token(adminSession().accessToken())
                .json(Map.of("monthlyTokens", tokens))
                .send();
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
    }

    private JsonNode budget(Session user) {
        Api.Response response =
                api.get("/api/ai/budget").token(user.accessToken()).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private long jobCount(Session user) {
        return jdbc.sql("SELECT count(*) FROM ai_jobs WHERE user_id = :user")
                .param("user", user.id())
                .query(Long.class)
                .single();
    }
}
