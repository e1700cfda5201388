package dev.miyabi.platform.generation;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.generation.internal.ScriptedOfflineResponder;
import dev.miyabi.platform.support.Api;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code /api/ai/jobs}: admission (schema, budget), visibility, listing, results, cancel and retry. */
class AiJobsApiIntegrationTests extends GenerationFixtures {

    @Autowired
    DataSource dataSource;

    @Test
    void aCourseJobIsAcceptedWithItsLocationAndCompletes() {
        Session customer = register();
        Api.Response created = submit(customer, "course_generation", courseInput("Negotiation basics", "en", 1));

        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String jobId = created.text("id");
        assertThat(created.header("Location").orElseThrow()).isEqualTo("/api/ai/jobs/" + jobId);
        assertThat(created.json().path("status").asString()).isIn("queued", "running", "completed");
        assertThat(created.json().path("userId").asString())
                .isEqualTo(customer.id().toString());
        assertThat(created.json().path("orderId").isNull()).isTrue();

        JsonNode done = awaitJob(customer, jobId, "completed");
        assertThat(done.path("progress").path("totalSteps").asInt()).isEqualTo(1 + 12 + 4 + 1);
        assertThat(done.path("maxAttempts").asInt()).isEqualTo(3);
    }

    @Test
    void inputThatBreaksItsSchemaIsRefusedWithEveryFieldAtFault() {
        Session customer = register();
        Map<String, Object> input = Map.of(
                "topic", "abc",
                "targetAudience", "x",
                "difficulty", "expert",
                "estimatedHours", 6,
                "learningObjectives", List.of("only one"));
        JsonNode problem = assertProblem(submit(customer, "course_generation", input), 422, "invalid_input");
        assertThat(problem.path("errors").findValuesAsString("field"))
                .contains("input.topic", "input.difficulty", "input.learningObjectives");

        assertProblem(
                api.post("/api/ai/jobs")
                        .token(customer.accessToken())
                        .json(Map.of("type", "course_generation"))
                        .send(),
                422,
                "invalid_input");
        JsonNode badType = assertProblem(submit(customer, "agent_task", Map.of()), 400, "validation_failed");
        assertThat(badType.path("errors").get(0).path("field").asString()).isEqualTo("type");
        assertProblem(
                api.post("/api/ai/jobs")
                        .token(customer.accessToken())
                        .raw("application/json", "{\"type\": ")
                        .send(),
                400,
                "malformed_request");
        assertProblem(
                api.post("/api/ai/jobs")
                        .json(Map.of("type", "course_generation"))
                        .send(),
                401,
                "unauthorized");
        assertThat(api.get("/api/ai/jobs")
                        .token(customer.accessToken())
                        .send()
                        .json()
                        .path("total")
                        .asLong())
                .isZero();
    }

    @Test
    void aUserOverTheMonthlyBudgetIsRefusedBeforeAnythingIsQueued() {
        Session customer = register();
        // An earlier studio job of this month (admitted against the budget, settled) spent 99 000 tokens.
        UUID earlierJob = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO llm_budget_reservations (job_id, user_id, tokens, spent_before, reserved_at, settled_at)
                        VALUES (:job, :user, 50000, 0, now(), now())
                        """).param("job", earlierJob).param("user", customer.id()).update();
        jdbc.sql("""
                        INSERT INTO llm_usage (user_id, job_id, task, operation, provider, model, input_tokens,
                            output_tokens, estimated_cost, outcome, created_at)
                        VALUES (:user, :job, 'course.lesson', 'structured', 'anthropic', 'claude-sonnet-4-5', 60000,
                            39000, 0, 'success', now())
                        """).param("user", customer.id()).param("job", earlierJob).update();

        Api.Response refused = submit(customer, "course_generation", courseInput("Negotiation basics", "en", 2));
        JsonNode problem = assertProblem(refused, 429, "budget_exceeded");
        assertThat(refused.header("Retry-After").map(Long::parseLong).orElseThrow())
                .isPositive();
        assertThat(problem.path("tokenBudget").path("used").asLong()).isEqualTo(99_000);
        assertThat(problem.path("tokenBudget").path("requested").asLong()).isGreaterThan(10_000);
        assertThat(jdbc.sql("SELECT count(*) FROM ai_jobs WHERE user_id = :user")
                        .param("user", customer.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anotherUsersJobIsNotFoundAndAdminsSeeEveryJob() {
        Session owner = register();
        Session stranger = register();
        String jobId = submit(owner, "document_generation", documentInput("Quarterly report"))
                .text("id");

        assertProblem(
                api.get("/api/ai/jobs/" + jobId).token(stranger.accessToken()).send(), 404, "not_found");
        assertProblem(
                api.get("/api/ai/jobs/" + jobId + "/result")
                        .token(stranger.accessToken())
                        .send(),
                404,
                "not_found");
        assertProblem(
                api.post("/api/ai/jobs/" + jobId + "/cancel")
                        .token(stranger.accessToken())
                        .send(),
                404,
                "not_found");
        assertProblem(
                api.post("/api/ai/jobs/" + jobId + "/retry")
                        .token(stranger.accessToken())
                        .send(),
                404,
                "not_found");
        assertThat(api.get("/api/ai/jobs")
                        .token(stranger.accessToken())
                        .send()
                        .json()
                        .path("total")
                        .asLong())
                .isZero();
        assertProblem(
                api.get("/api/ai/jobs?userId=" + owner.id())
                        .token(stranger.accessToken())
                        .send(),
                403,
                "forbidden");
        assertProblem(
                api.get("/api/ai/jobs/" + UUID.randomUUID())
                        .token(owner.accessToken())
                        .send(),
                404,
                "not_found");

        assertThat(job(adminSession(), jobId).path("userId").asString())
                .isEqualTo(owner.id().toString());
        JsonNode ownersJobs = api.get("/api/ai/jobs?userId=" + owner.id() + "&type=document_generation")
                .token(adminSession().accessToken())
                .send()
                .json();
        assertThat(ownersJobs.path("items").findValuesAsString("id")).containsExactly(jobId);

        awaitJob(owner, jobId, "completed");
        JsonNode completed = api.get("/api/ai/jobs?status=completed")
                .token(owner.accessToken())
                .send()
                .json();
        assertThat(completed.path("items").findValuesAsString("id")).containsExactly(jobId);
        assertThat(api.get("/api/ai/jobs?status=queued")
                        .token(owner.accessToken())
                        .send()
                        .json()
                        .path("total")
                        .asLong())
                .isZero();
        assertProblem(
                api.get("/api/ai/jobs?status=done").token(owner.accessToken()).send(), 400, "validation_failed");
        assertProblem(
                api.get("/api/ai/jobs/" + jobId + "/result?format=docx")
                        .token(owner.accessToken())
                        .send(),
                400,
                "validation_failed");
    }

    @Test
    void aRunningJobHasNoResultYetAndStopsAtItsNextStepWhenCancelled() throws Exception {
        Session customer = register();
        String topic = "Held course " + UUID.randomUUID();
        CountDownLatch arrived = ScriptedOfflineResponder.hold(topic);
        try {
            String jobId = submit(customer, "course_generation", courseInput(topic, "en", 1))
                    .text("id");
            assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();

            JsonNode problem = assertProblem(
                    api.get("/api/ai/jobs/" + jobId + "/result")
                            .token(customer.accessToken())
                            .send(),
                    409,
                    "job_not_completed");
            assertThat(problem.path("detail").asString()).contains("running");

            Api.Response cancelled = api.post("/api/ai/jobs/" + jobId + "/cancel")
                    .token(customer.accessToken())
                    .send();
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
            assertThat(cancelled.json().path("cancelRequested").asBoolean()).isTrue();
            ScriptedOfflineResponder.release(topic);

            JsonNode job = awaitJob(customer, jobId, "cancelled");
            assertThat(job.path("progress").path("completedSteps").asInt()).isEqualTo(1);
            assertProblem(
                    api.post("/api/ai/jobs/" + jobId + "/cancel")
                            .token(customer.accessToken())
                            .send(),
                    409,
                    "invalid_state");
            assertProblem(
                    api.post("/api/ai/jobs/" + jobId + "/retry")
                            .token(customer.accessToken())
                            .send(),
                    409,
                    "invalid_state");
            assertThat(jdbc.sql("SELECT count(*) FROM courses WHERE job_id = :job")
                            .param("job", UUID.fromString(jobId))
                            .query(Long.class)
                            .single())
                    .isZero();
        } finally {
            ScriptedOfflineResponder.clear(topic);
        }
    }

    @Test
    void aFailedJobIsRetriedOverHttpAndKeepsTheLessonsItHadWritten() {
        Session customer = register();
        String topic = "Flaky quiz course " + UUID.randomUUID();
        ScriptedOfflineResponder.fail(topic, "course.quiz");
        try {
            String jobId = submit(customer, "course_generation", courseInput(topic, "en", 1))
                    .text("id");
            UUID id = UUID.fromString(jobId);
            // The first attempt wrote the outline and all 12 lessons, then the quiz failed.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                JsonNode job = job(customer, jobId);
                return job.path("attempts").asInt() == 1
                        && job.path("status").asString().equals("queued")
                        && job.path("error").asString().contains("Scripted failure");
            });
            assertThat(lessonCalls(id)).isEqualTo(12);
            // Skip the backoff and let the next attempt be the last: it fails for good.
            jdbc.sql("UPDATE ai_jobs SET max_attempts = 2, run_at = now() WHERE id = :id")
                    .param("id", id)
                    .update();
            JsonNode failed = awaitJob(customer, jobId, "failed");
            assertThat(failed.path("error").asString()).contains("Scripted failure of course.quiz");
            assertThat(failed.path("attempts").asInt()).isEqualTo(2);

            ScriptedOfflineResponder.clear(topic);
            Api.Response retried = api.post("/api/ai/jobs/" + jobId + "/retry")
                    .token(customer.accessToken())
                    .send();
            assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
            assertThat(retried.json().path("status").asString()).isEqualTo("queued");

            awaitJob(customer, jobId, "completed");
            // Three attempts, but every lesson and the outline were written once: finished steps were kept.
            assertThat(lessonCalls(id)).isEqualTo(12);
            assertThat(calls(id, "course.outline")).isEqualTo(1);
            assertThat(calls(id, "course.quiz")).isEqualTo(4);
        } finally {
            ScriptedOfflineResponder.clear(topic);
        }
    }

    @Test
    void aCourseAlreadyStoredWhenTheStoreStepRunsCompletesTheJobOnItsLastAttempt() throws Exception {
        Session customer = register();
        String topic = "Raced course " + UUID.randomUUID();
        CountDownLatch arrived = ScriptedOfflineResponder.hold(topic);
        try (Connection racer = dataSource.getConnection()) {
            String jobId = submit(customer, "course_generation", courseInput(topic, "en", 1))
                    .text("id");
            UUID id = UUID.fromString(jobId);
            assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();
            jdbc.sql("UPDATE ai_jobs SET max_attempts = 1 WHERE id = :id")
                    .param("id", id)
                    .update();
            // Another worker (one whose lease ran out, before the fence) stored this job's course and has
            // not committed yet when this attempt comes to store it. Without its foreign-key check (replica
            // role) it holds no lock on the job's row — only the course's unique job id is in flight, as at
            // the moment two workers store at once.
            racer.setAutoCommit(false);
            try (var replica = racer.createStatement()) {
                replica.execute("SET LOCAL session_replication_role = replica");
            }
            try (PreparedStatement insert = racer.prepareStatement("""
                    INSERT INTO courses (id, job_id, user_id, title, description, topic, target_audience, difficulty,
                        format, language, estimated_hours, assessment_strategy)
                    VALUES (?, ?, ?, 'Stored by the other worker', '', ?, 'Analysts', 'beginner', 'text', 'en', 1, '')
                    """)) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, id);
                insert.setObject(3, customer.id());
                insert.setString(4, topic);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            ScriptedOfflineResponder.release(topic);
            // The worker's store waits for the racer's uncommitted course.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> jdbc.sql("""
                                    SELECT count(*) FROM pg_stat_activity
                                    WHERE datname = current_database() AND wait_event_type = 'Lock'
                                      AND query LIKE 'INSERT INTO courses %'
                                    """).query(Long.class).single() > 0);
            racer.commit();

            JsonNode job = await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () -> job(customer, jobId),
                            j -> !j.path("status").asString().matches("queued|running"));
            assertThat(job.path("status").asString())
                    .as("the course is stored: the last attempt completes (%s)", job.path("error"))
                    .isEqualTo("completed");
            assertThat(job.path("attempts").asInt()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT title FROM courses WHERE job_id = :job")
                            .param("job", id)
                            .query(String.class)
                            .list())
                    .containsExactly("Stored by the other worker");
        } finally {
            ScriptedOfflineResponder.clear(topic);
        }
    }

    private long lessonCalls(UUID jobId) {
        return calls(jobId, "course.lesson");
    }

    private long calls(UUID jobId, String task) {
        return jdbc.sql("SELECT count(*) FROM llm_usage WHERE job_id = :job AND task = :task AND outcome = 'success'")
                .param("job", jobId)
                .param("task", task)
                .query(Long.class)
                .single();
    }
}
