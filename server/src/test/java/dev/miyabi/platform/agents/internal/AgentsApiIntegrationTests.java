package dev.miyabi.platform.agents.internal;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.agents.AgentRegistry;
import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentTaskRequest;
import dev.miyabi.platform.agents.AgentTaskStatus;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.agents.Orchestrator;
import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** {@code /api/agents} over HTTP: who may see and act on the board, and the board's rules. */
class AgentsApiIntegrationTests extends IntegrationTest {

    @Autowired
    Orchestrator orchestrator;

    @Autowired
    AgentRegistry registry;

    @Autowired
    AgentTasks tasks;

    @Test
    void theBoardNeedsASignedInApproverOrAdminAndActionsNeedAnAdmin() {
        String customer = register().accessToken();
        String approver = registerWithRoles("approver").accessToken();
        UUID task = orchestrator
                .submit(AgentTaskRequest.of(AgentType.CONTENT_SEARCH, "Reindex"))
                .id();

        for (String path : List.of("/api/agents", "/api/agents/tasks", "/api/agents/tasks/" + task)) {
            assertProblem(api.get(path).send(), 401, "unauthorized");
            assertProblem(api.get(path).token(customer).send(), 403, "forbidden");
            assertThat(api.get(path).token(approver).send().status()).isEqualTo(200);
        }
        for (String action : List.of("retry", "cancel")) {
            String path = "/api/agents/tasks/" + task + "/" + action;
            assertProblem(api.post(path).send(), 401, "unauthorized");
            assertProblem(api.post(path).token(customer).send(), 403, "forbidden");
            assertProblem(api.post(path).token(approver).send(), 403, "forbidden");
        }
        assertThat(orchestrator.find(task).orElseThrow().status()).isEqualTo(AgentTaskStatus.SUBMITTED);
    }

    @Test
    void listsTheFiveAgentsWithTheirStatisticsFromTheBoard() {
        orchestrator.submit(AgentTaskRequest.of(AgentType.DOCUMENT_GENERATOR, "Write the FAQ"));

        Api.Response response =
                api.get("/api/agents").token(admin().accessToken()).send();

        assertThat(response.status()).isEqualTo(200);
        JsonNode agents = response.json();
        assertThat(agents.isArray()).isTrue();
        assertThat(agents).hasSize(5);
        List<Integer> ids = new ArrayList<>();
        for (JsonNode agent : agents) {
            ids.add(agent.path("id").asInt());
            AgentType type = AgentType.byId(agent.path("id").asInt()).orElseThrow();
            assertThat(agent.path("type").asString()).isEqualTo(type.value());
            assertThat(agent.path("name").asString()).isEqualTo(type.displayName());
            assertThat(agent.path("description").asString()).isNotBlank();
            // Every agent is built in, and the application refuses to start without one of them.
            assertThat(agent.path("available").asBoolean()).as(type.value()).isTrue();
            assertThat(registry.has(type)).isTrue();
            Map<String, Object> expected =
                    jdbc.sql("""
                            SELECT count(*) FILTER (WHERE status = 'working') AS working,
                                count(*) FILTER (WHERE status = 'completed') AS completed,
                                count(*) FILTER (WHERE status = 'failed') AS failed
                            FROM agent_tasks WHERE agent_type = :type
                            """).param("type", type.value()).query().singleRow();
            assertThat(agent.path("activeTasks").asLong()).isEqualTo(expected.get("working"));
            assertThat(agent.path("completedTasks").asLong()).isEqualTo(expected.get("completed"));
            assertThat(agent.path("failedTasks").asLong()).isEqualTo(expected.get("failed"));
            assertThat(agent.path("status").asString())
                    .isEqualTo(agent.path("activeTasks").asLong() > 0 ? "busy" : "idle");
            assertThat(agent.path("avgDurationMs").isIntegralNumber()).isTrue();
        }
        assertThat(ids).containsExactly(201, 202, 203, 204, 205);
    }

    @Test
    void listsTasksPagedAndFilteredByStatusAndAgent() {
        String token = registerWithRoles("approver").accessToken();
        String marker = UUID.randomUUID().toString();
        AgentTask first = orchestrator.submit(AgentTaskRequest.of(AgentType.PAYMENT_PROCESSOR, "Charge " + marker)
                .withResource("order", marker));
        AgentTask second = orchestrator.submit(AgentTaskRequest.of(AgentType.PAYMENT_PROCESSOR, "Refund " + marker));
        orchestrator.fail(second.id(), "gateway unreachable");

        JsonNode submitted = api.get("/api/agents/tasks?agent=204&status=submitted&size=100")
                .token(token)
                .send()
                .json();
        assertThat(titles(submitted)).contains("Charge " + marker).doesNotContain("Refund " + marker);
        JsonNode failed = api.get("/api/agents/tasks?agent=payment_processor&status=failed&size=100")
                .token(token)
                .send()
                .json();
        assertThat(titles(failed)).contains("Refund " + marker).doesNotContain("Charge " + marker);
        JsonNode charge = find(submitted, first.id());
        assertThat(charge.path("agentType").asString()).isEqualTo("payment_processor");
        assertThat(charge.path("agentId").asInt()).isEqualTo(204);
        assertThat(charge.path("status").asString()).isEqualTo("submitted");
        assertThat(charge.path("retryCount").asInt()).isZero();
        assertThat(charge.path("resourceType").asString()).isEqualTo("order");
        assertThat(charge.path("resourceId").asString()).isEqualTo(marker);
        assertThat(charge.has("issueUrl")).isTrue();
        assertThat(charge.path("createdAt").asString()).endsWith("Z");
        assertThat(charge.path("updatedAt").asString()).endsWith("Z");

        JsonNode page =
                api.get("/api/agents/tasks?page=0&size=1").token(token).send().json();
        assertThat(page.path("items")).hasSize(1);
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(1);
        assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(api.get("/api/agents/tasks?size=500")
                        .token(token)
                        .send()
                        .json()
                        .path("size")
                        .asInt())
                .isEqualTo(100);

        assertThat(assertProblem(
                                api.get("/api/agents/tasks?status=done")
                                        .token(token)
                                        .send(),
                                400,
                                "validation_failed")
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("status");
        assertProblem(api.get("/api/agents/tasks?agent=206").token(token).send(), 400, "validation_failed");
        assertProblem(api.get("/api/agents/tasks?page=-1").token(token).send(), 400, "validation_failed");
        assertProblem(api.get("/api/agents/tasks?sort=title").token(token).send(), 400, "validation_failed");
        assertProblem(
                api.get("/api/agents/tasks/" + UUID.randomUUID()).token(token).send(), 404, "not_found");
        assertProblem(api.get("/api/agents/tasks/not-a-uuid").token(token).send(), 400, "validation_failed");
    }

    @Test
    void onlyOpenTasksCanBeCancelled() {
        String token = admin().accessToken();
        AgentTask task = orchestrator.submit(AgentTaskRequest.of(AgentType.APPROVAL_WORKFLOW, "Review order"));

        Api.Response cancelled = api.post("/api/agents/tasks/" + task.id() + "/cancel")
                .token(token)
                .send();
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.json().path("completedAt").isNull()).isFalse();

        JsonNode again = assertProblem(
                api.post("/api/agents/tasks/" + task.id() + "/cancel")
                        .token(token)
                        .send(),
                409,
                "invalid_state");
        assertThat(again.path("detail").asString())
                .isEqualTo("The task is cancelled; only submitted or working tasks can be cancelled");
        assertThat(again.path("currentStatus").asString()).isEqualTo("cancelled");
        assertThat(again.path("requestedStatus").asString()).isEqualTo("cancelled");
        AgentTask done = orchestrator.submit(AgentTaskRequest.of(AgentType.APPROVAL_WORKFLOW, "Done already"));
        orchestrator.complete(done.id(), JsonNodeFactory.instance.objectNode());
        assertProblem(
                api.post("/api/agents/tasks/" + done.id() + "/cancel")
                        .token(token)
                        .send(),
                409,
                "invalid_state");
        assertProblem(
                api.post("/api/agents/tasks/" + UUID.randomUUID() + "/cancel")
                        .token(token)
                        .send(),
                404,
                "not_found");
    }

    @Test
    void aFailedTaskCanBeRetriedThreeTimesAndNoMore() {
        String token = admin().accessToken();
        AgentTask task = orchestrator.submit(AgentTaskRequest.of(AgentType.CONTENT_SEARCH, "Grant search access"));
        assertProblem(
                api.post("/api/agents/tasks/" + task.id() + "/retry")
                        .token(token)
                        .send(),
                409,
                "invalid_state");

        for (int retry = 1; retry <= 3; retry++) {
            orchestrator.fail(task.id(), "attempt " + retry + " failed");
            Api.Response retried = api.post("/api/agents/tasks/" + task.id() + "/retry")
                    .token(token)
                    .send();
            assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
            assertThat(retried.json().path("status").asString()).isEqualTo("submitted");
            assertThat(retried.json().path("retryCount").asInt()).isEqualTo(retry);
            assertThat(retried.json().path("error").isNull()).isTrue();
        }
        orchestrator.fail(task.id(), "failed again");
        JsonNode refused = assertProblem(
                api.post("/api/agents/tasks/" + task.id() + "/retry")
                        .token(token)
                        .send(),
                409,
                "invalid_state");
        assertThat(refused.path("detail").asString()).contains("at most 3 retries");
        assertThat(refused.path("currentStatus").asString()).isEqualTo("failed");
        assertThat(refused.path("requestedStatus").asString()).isEqualTo("submitted");
        assertThat(orchestrator.find(task.id()).orElseThrow().retryCount()).isEqualTo(3);
        assertProblem(
                api.post("/api/agents/tasks/" + UUID.randomUUID() + "/retry")
                        .token(token)
                        .send(),
                404,
                "not_found");
    }

    @Test
    void retryingAFailedInlineTaskRunsItsAgentAgainAsAJobOfTheAdmin() {
        Session admin = admin();
        Session customer = register();
        AgentTask task = tasks.insert(
                UUID.randomUUID(),
                AgentTaskRequest.of(
                        AgentType.CONTENT_SEARCH,
                        "Grant search access that failed",
                        JsonNodeFactory.instance
                                .objectNode()
                                .put("userId", customer.id().toString())
                                .put("productName", "Search plan")
                                .put("quantity", 1)),
                AgentTask.Execution.INLINE,
                null);
        tasks.end(task.id(), AgentTaskStatus.FAILED, "index unavailable");

        Api.Response retried = api.post("/api/agents/tasks/" + task.id() + "/retry")
                .token(admin.accessToken())
                .send();

        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().path("execution").asString()).isEqualTo("job");
        UUID jobId = UUID.fromString(retried.json().path("aiJobId").asString());
        Map<String, Object> job = jdbc.sql(
                        "SELECT job_type, user_id, input_params::text AS input FROM ai_jobs WHERE id = :id")
                .param("id", jobId)
                .query()
                .singleRow();
        assertThat(job.get("job_type")).isEqualTo(Orchestrator.AGENT_TASK_JOB_TYPE);
        assertThat(job.get("user_id")).isEqualTo(admin.id());
        assertThat((String) job.get("input")).contains(task.id().toString());
        // The application's workers run the ContentSearchAgent (203) again, which grants the access now.
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        !orchestrator.find(task.id()).orElseThrow().status().isOpen());
        AgentTask after = orchestrator.find(task.id()).orElseThrow();
        assertThat(after.status()).as(String.valueOf(after.error())).isEqualTo(AgentTaskStatus.COMPLETED);
        assertThat(after.retryCount()).isEqualTo(1);
        assertThat(after.error()).isNull();
        assertThat(after.result().path("userId").asString())
                .isEqualTo(customer.id().toString());
        // The job row is completed just after its handler (which completed the task) returned.
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(jdbc.sql("SELECT status FROM ai_jobs WHERE id = :id")
                                .param("id", jobId)
                                .query(String.class)
                                .single())
                        .isEqualTo("completed"));
        assertThat(jdbc.sql("SELECT count(*) FROM search_access WHERE user_id = :user AND plan = 'Search plan'")
                        .param("user", customer.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private static List<String> titles(JsonNode page) {
        List<String> titles = new ArrayList<>();
        page.path("items").forEach(item -> titles.add(item.path("title").asString()));
        return titles;
    }

    private static JsonNode find(JsonNode page, UUID id) {
        for (JsonNode item : page.path("items")) {
            if (item.path("id").asString().equals(id.toString())) {
                return item;
            }
        }
        throw new AssertionError("task " + id + " not listed");
    }
}
