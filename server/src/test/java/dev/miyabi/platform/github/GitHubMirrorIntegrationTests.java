package dev.miyabi.platform.github;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentTaskRequest;
import dev.miyabi.platform.agents.AgentTaskStatus;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.agents.Orchestrator;
import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.IntegrationTest;
import dev.miyabi.platform.support.SecondInstance;
import dev.miyabi.platform.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The GitHub mirror against a local GitHub ({@link FakeGitHub}, the REST wire format): two instances on a
 * database of their own, both mirroring to one repository, as a team would run it.
 */
class GitHubMirrorIntegrationTests {

    private static final String SECRET = "whsec-github-test";
    private static final String TOKEN = "ghp_secret_token_never_logged";
    private static final String APP_ID = "31337";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static FakeGitHub github;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static Api api;
    private static Api secondApi;
    private static JdbcClient jdbc;

    @BeforeAll
    static void start() throws Exception {
        github = new FakeGitHub();
        // Someone made these by hand before the mirror was switched on: creating them answers 422.
        github.seedLabel("a2a:submitted");
        github.seedLabel("agent:approval_workflow");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair appKey = generator.generateKeyPair();
        github.installApp(APP_ID, (RSAPublicKey) appKey.getPublic());
        TestDatabase.Connection db = TestDatabase.another();
        List<String> common = List.of(
                "--miyabi.database.url=" + db.url(),
                "--miyabi.database.user=" + db.user(),
                "--miyabi.database.password=" + db.password(),
                "--miyabi.github.repository=" + FakeGitHub.OWNER_REPO,
                "--miyabi.github.api-url=" + github.apiUrl(),
                "--miyabi.github.webhook-secret=" + SECRET,
                "--miyabi.github.web-url=https://miyabi.example",
                "--miyabi.github.poll-interval=200ms",
                "--miyabi.github.reconcile-interval=1s",
                "--miyabi.github.backoff-base=300ms",
                "--miyabi.github.page-size=2",
                "--logging.level.root=warn");
        // The first instance signs in with a token, the second as a GitHub App (the key as GitHub issues it,
        // PKCS#1, on one line with \n escapes as an env file holds it).
        List<String> withToken = new ArrayList<>(common);
        withToken.add("--miyabi.github.token=" + TOKEN);
        List<String> asApp = new ArrayList<>(common);
        asApp.add("--miyabi.github.app-id=" + APP_ID);
        asApp.add("--miyabi.github.app-private-key="
                + pkcs1Pem((RSAPrivateCrtKey) appKey.getPrivate()).replace("\n", "\\n"));
        first = SecondInstance.start(withToken.toArray(String[]::new));
        second = SecondInstance.start(asApp.toArray(String[]::new));
        api = new Api(SecondInstance.port(first));
        secondApi = new Api(SecondInstance.port(second));
        jdbc = first.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() throws Exception {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (github != null) {
            github.close();
        }
    }

    @Test
    void statusLabelIsReplacedAsAWholeFromSubmittedToWorkingToCompleted() {
        Orchestrator board = first.getBean(Orchestrator.class);
        AgentTask task = board.submit(AgentTaskRequest.of(AgentType.APPROVAL_WORKFLOW, "Review the rollout plan")
                .withPriority(150)
                .withResource("order", UUID.randomUUID()));
        ObjectNode issue = awaitLabels(task.id(), "a2a:submitted");
        int number = issue.path("number").asInt();
        assertThat(issue.path("title").asString()).isEqualTo("[approval_workflow] Review the rollout plan");
        assertThat(issue.path("body").asString())
                .contains("<!-- miyabi-task:" + task.id() + " -->")
                .contains("https://miyabi.example/orders/" + task.resourceId())
                .contains("| Priority | P0 (150) |")
                .contains("| Attempts | 1 |");

        board.start(task.id());
        awaitLabels(task.id(), "a2a:working");
        board.complete(task.id(), JSON.createObjectNode().put("done", true));
        issue = awaitLabels(task.id(), "a2a:completed");

        assertThat(FakeGitHub.labelNames(issue))
                .containsExactly("a2a:completed", "agent:approval_workflow", "priority:P0");
        assertThat(issue.path("state").asString()).isEqualTo("closed");
        assertThat(issue.path("state_reason").asString()).isEqualTo("completed");
        assertThat(github.commentsOn(number))
                .containsExactly("Status: **submitted → working**", "Status: **working → completed**");
        // Every write of this issue's labels carried exactly one status label: none ever piled up.
        List<FakeGitHub.Received> writes = github.received().stream()
                .filter(r -> r.path().equals("/repos/" + FakeGitHub.OWNER_REPO + "/issues/" + number)
                        && r.method().equals("PATCH"))
                .toList();
        assertThat(writes).isNotEmpty();
        for (FakeGitHub.Received write : writes) {
            List<String> statusLabels = new ArrayList<>();
            write.json().path("labels").forEach(l -> {
                if (l.asString().startsWith("a2a:")) {
                    statusLabels.add(l.asString());
                }
            });
            assertThat(statusLabels).hasSize(1);
        }
        // The label that existed answered 422 already_exists, which is fine; the new ones got their colours.
        assertThat(github.received())
                .anyMatch(r -> r.method().equals("POST")
                        && r.path().endsWith("/labels")
                        && r.json().path("name").asString().equals("a2a:submitted"));
        assertThat(github.labels()).containsEntry("a2a:completed", "0e8a16").containsEntry("a2a:working", "1d76db");
        // The board's issueUrl is the issue's web address.
        assertThat(taskView(task.id()).path("issueUrl").asString())
                .isEqualTo(issue.path("html_url").asString());
        // Every request spoke GitHub's REST dialect, with the token or an App installation token.
        assertThat(github.installationTokens()).isNotEmpty();
        assertThat(github.received())
                .filteredOn(r -> r.path().startsWith("/repos/") && !r.path().endsWith("/installation"))
                .allMatch(r -> "application/vnd.github+json".equals(r.headers().get("Accept"))
                        && "2022-11-28".equals(r.headers().get("X-GitHub-Api-Version"))
                        && (("Bearer " + TOKEN).equals(r.headers().get("Authorization"))
                                || github.installationTokens()
                                        .contains(
                                                r.headers().get("Authorization").substring(7))));
        assertThat(status().toString()).doesNotContain(TOKEN);
    }

    @Test
    void aSecondaryRateLimitPausesEveryRequestUntilRetryAfterThenTheIssueIsCreated() {
        awaitIdle();
        github.failNext(
                "POST",
                "/repos/" + FakeGitHub.OWNER_REPO + "/issues",
                FakeGitHub.response(
                        403,
                        "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try"
                                + " again.\",\"documentation_url\":\"https://docs.github.com/rest\"}",
                        "Retry-After",
                        "3"));
        AgentTask task = first.getBean(Orchestrator.class)
                .submit(AgentTaskRequest.of(AgentType.APPROVAL_WORKFLOW, "Rate limited"));

        await().atMost(Duration.ofSeconds(10)).until(() -> limited() != null);
        Instant limitedAt = limited().at();
        await().atMost(Duration.ofSeconds(2))
                .until(() -> !status().path("pausedUntil").isNull());

        awaitLabels(task.id(), "a2a:submitted");
        // A request the other instance had already sent when the limit was met may still arrive just after it.
        List<FakeGitHub.Received> after = github.received().stream()
                .filter(r -> r.at().isAfter(limitedAt.plusMillis(250)))
                .toList();
        assertThat(after).isNotEmpty();
        // Nothing else — not even a read by the other instance — reached GitHub inside the window.
        assertThat(Duration.between(limitedAt, after.getFirst().at())).isGreaterThanOrEqualTo(Duration.ofMillis(2900));
        assertThat(github.issuesOf(task.id().toString())).isEqualTo(1);
        assertThat(api.get("/actuator/prometheus")
                        .token(IntegrationTest.METRICS_TOKEN)
                        .send()
                        .body())
                .contains("miyabi_github_rate_limit_pauses_total");
    }

    @Test
    void aServerErrorIsRetriedWithoutDuplicatingTheComment() {
        Orchestrator board = first.getBean(Orchestrator.class);
        AgentTask task = board.submit(AgentTaskRequest.of(AgentType.APPROVAL_WORKFLOW, "Flaky GitHub"));
        int number = awaitLabels(task.id(), "a2a:submitted").path("number").asInt();
        github.failNext(
                "POST",
                "/repos/" + FakeGitHub.OWNER_REPO + "/issues/" + number + "/comments",
                FakeGitHub.response(502, "{\"message\":\"Server Error\"}"));
        board.start(task.id());
        awaitLabels(task.id(), "a2a:working");
        assertThat(github.commentsOn(number)).containsExactly("Status: **submitted → working**");
        assertThat(github.received())
                .filteredOn(r -> r.method().equals("POST") && r.path().endsWith("/issues/" + number + "/comments"))
                .hasSize(2);
    }

    @Test
    void anIssueCreatedBeforeACrashIsFoundByItsMarkerNotCreatedAgain() {
        awaitIdle();
        // Enough other issues that the lost one is on the third page of the search (two per page).
        Orchestrator board = first.getBean(Orchestrator.class);
        for (int i = 0; i < 4; i++) {
            awaitLabels(
                    board.submit(AgentTaskRequest.of(AgentType.APPROVAL_WORKFLOW, "Filler " + i))
                            .id(),
                    "a2a:submitted");
        }
        github.dropAnswerOfNext("POST", "/repos/" + FakeGitHub.OWNER_REPO + "/issues");
        AgentTask task = board.submit(AgentTaskRequest.of(AgentType.APPROVAL_WORKFLOW, "Created, answer lost"));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !taskView(task.id()).path("issueUrl").isNull());
        assertThat(github.issuesOf(task.id().toString())).isEqualTo(1);
        ObjectNode issue = github.issueOf(task.id().toString()).orElseThrow();
        assertThat(taskView(task.id()).path("issueUrl").asString())
                .isEqualTo(issue.path("html_url").asString());
        assertThat(github.received())
                .anyMatch(r -> r.method().equals("GET")
                        && r.path().equals("/repos/" + FakeGitHub.OWNER_REPO + "/issues")
                        && "created".equals(r.url().queryParameter("sort"))
                        && "3".equals(r.url().queryParameter("page")));
    }

    @Test
    void theReconciliationReadsEveryPageAndAppliesACloseAsNotPlanned() {
        // Hold the reconciliation's turn as an instance would, so the next run has five issues or more to read.
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                                UPDATE github_mirror SET reconcile_lease_until = now() + interval '1 hour'
                                WHERE id = 1 AND (reconcile_lease_until IS NULL OR reconcile_lease_until < now())
                                """).update() == 1);
        Orchestrator board = first.getBean(Orchestrator.class);
        List<AgentTask> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(board.submit(AgentTaskRequest.of(AgentType.APPROVAL_WORKFLOW, "Reconciled " + i)));
        }
        for (AgentTask task : tasks) {
            awaitLabels(task.id(), "a2a:submitted");
        }
        awaitIdle();
        AgentTask target = tasks.get(2);
        // GitHub's times are whole seconds: the close gets a later updated_at than every other issue, so it
        // is on the last page of the listing (sorted by update, oldest first, two per page).
        await().pollDelay(Duration.ofMillis(1100)).until(() -> true);
        Instant before = Instant.now();
        // A person closes it; no webhook arrives.
        github.closeAsNotPlanned(github.issueOf(target.id().toString())
                .orElseThrow()
                .path("number")
                .asInt());
        jdbc.sql("UPDATE github_mirror SET reconcile_lease_until = NULL WHERE id = 1")
                .update();

        await().atMost(Duration.ofSeconds(15))
                .until(() -> board.find(target.id()).orElseThrow().status() == AgentTaskStatus.CANCELLED);
        ObjectNode issue = awaitLabels(target.id(), "a2a:cancelled");
        assertThat(issue.path("state_reason").asString()).isEqualTo("not_planned");
        assertThat(tasks.stream()
                        .filter(t -> t != target)
                        .map(t -> board.find(t.id()).orElseThrow().status()))
                .containsOnly(AgentTaskStatus.SUBMITTED);
        // The run read from the first page on to the one with the close (two issues per page).
        await().atMost(Duration.ofSeconds(10))
                .until(() -> github.received().stream()
                        .anyMatch(r -> r.at().isAfter(before)
                                && r.method().equals("GET")
                                && r.path().equals("/repos/" + FakeGitHub.OWNER_REPO + "/issues")
                                && "updated".equals(r.url().queryParameter("sort"))
                                && "3".equals(r.url().queryParameter("page"))));
        // Pages read again are asked for conditionally.
        assertThat(github.received()).anyMatch(r -> r.headers().get("If-None-Match") != null);
    }

    @Test
    void aCloseAsNotPlannedByWebhookCancelsTheTask() {
        Orchestrator board = first.getBean(Orchestrator.class);
        AgentTask task = board.submit(AgentTaskRequest.of(AgentType.APPROVAL_WORKFLOW, "Closed by a person"));
        ObjectNode issue = awaitLabels(task.id(), "a2a:submitted");
        // The webhook, not the 200 ms poll, must be what applies the close.
        ObjectNode closed =
                github.closedAsNotPlannedPayload(issue.path("number").asInt());

        Api.Response delivered = webhook(secondApi, "issues", event("closed", closed));
        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
        assertThat(delivered.json().path("applied").asString()).isEqualTo("cancelled");
        assertThat(board.find(task.id()).orElseThrow().status()).isEqualTo(AgentTaskStatus.CANCELLED);
        ObjectNode after = awaitLabels(task.id(), "a2a:cancelled");
        assertThat(after.path("state").asString()).isEqualTo("closed");
        assertThat(github.commentsOn(after.path("number").asInt()))
                .containsExactly("Status: **submitted → cancelled**");

        // The same event again changes nothing.
        assertThat(webhook(api, "issues", event("closed", closed))
                        .json()
                        .path("applied")
                        .asString())
                .isEqualTo("none");
    }

    @Test
    void aRetryCommentFromACollaboratorRetriesTheFailedTaskAndReopensItsIssue() {
        Orchestrator board = first.getBean(Orchestrator.class);
        AgentTask task = board.submit(AgentTaskRequest.of(AgentType.APPROVAL_WORKFLOW, "Retried from GitHub"));
        board.fail(task.id(), "The customer did not answer");
        ObjectNode issue = awaitLabels(task.id(), "a2a:failed");
        assertThat(issue.path("state").asString()).isEqualTo("open");
        int number = issue.path("number").asInt();

        // Someone outside the project cannot retry it.
        ObjectNode stranger = github.comment(number, "/retry", "NONE");
        assertThat(webhook(api, "issue_comment", commentEvent(issue, stranger))
                        .json()
                        .path("applied")
                        .asString())
                .isEqualTo("none");
        assertThat(board.find(task.id()).orElseThrow().status()).isEqualTo(AgentTaskStatus.FAILED);

        ObjectNode collaborator = github.comment(number, "/retry", "COLLABORATOR");
        assertThat(webhook(api, "issue_comment", commentEvent(issue, collaborator))
                        .json()
                        .path("applied")
                        .asString())
                .isEqualTo("retried");
        AgentTask retried = board.find(task.id()).orElseThrow();
        assertThat(retried.status()).isEqualTo(AgentTaskStatus.SUBMITTED);
        assertThat(retried.retryCount()).isEqualTo(1);
        ObjectNode reopened = awaitLabels(task.id(), "a2a:submitted");
        assertThat(reopened.path("state").asString()).isEqualTo("open");
        assertThat(reopened.path("body").asString()).contains("| Attempts | 2 |");
        assertThat(github.commentsOn(number)).contains("Status: **failed → submitted** (retry 1 of 3)");
    }

    @Test
    void aRetryCommentOnATaskWithoutRetriesLeftIsIgnored() {
        Orchestrator board = first.getBean(Orchestrator.class);
        AgentTask task = board.submit(AgentTaskRequest.of(AgentType.APPROVAL_WORKFLOW, "Out of retries"));
        for (int retry = 1; retry <= AgentTask.MAX_RETRIES; retry++) {
            board.fail(task.id(), "attempt " + retry + " failed");
            board.retry(task.id(), UUID.randomUUID());
        }
        board.fail(task.id(), "the last attempt failed");
        ObjectNode issue = awaitLabels(task.id(), "a2a:failed");

        // The board refuses a fourth retry; the webhook is still taken (200) and changes nothing.
        ObjectNode collaborator = github.comment(issue.path("number").asInt(), "/retry", "COLLABORATOR");
        Api.Response delivered = webhook(api, "issue_comment", commentEvent(issue, collaborator));
        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
        assertThat(delivered.json().path("applied").asString()).isEqualTo("none");
        AgentTask after = board.find(task.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(AgentTaskStatus.FAILED);
        assertThat(after.retryCount()).isEqualTo(AgentTask.MAX_RETRIES);
    }

    @Test
    void aRetryCommentWhoseWebhookNeverArrivedIsAppliedByTheReconciliation() {
        Orchestrator board = first.getBean(Orchestrator.class);
        AgentTask task = board.submit(AgentTaskRequest.of(AgentType.APPROVAL_WORKFLOW, "Retried without a webhook"));
        board.fail(task.id(), "Blocked");
        ObjectNode issue = awaitLabels(task.id(), "a2a:failed");
        github.comment(issue.path("number").asInt(), "/retry", "MEMBER");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> board.find(task.id()).orElseThrow().status() == AgentTaskStatus.SUBMITTED);
        awaitLabels(task.id(), "a2a:submitted");
    }

    @Test
    void aWebhookWithABadOrMissingSignatureIsRefusedAndChangesNothing() {
        Orchestrator board = first.getBean(Orchestrator.class);
        AgentTask task = board.submit(AgentTaskRequest.of(AgentType.APPROVAL_WORKFLOW, "Forged close"));
        ObjectNode issue = awaitLabels(task.id(), "a2a:submitted").deepCopy();
        issue.put("state", "closed").put("state_reason", "not_planned");
        String body = event("closed", issue);

        assertProblem(
                api.post("/api/integrations/github/webhook")
                        .header("X-GitHub-Event", "issues")
                        .raw("application/json", body)
                        .send(),
                400,
                "invalid_signature");
        assertProblem(
                api.post("/api/integrations/github/webhook")
                        .header("X-GitHub-Event", "issues")
                        .header("X-Hub-Signature-256", sign("another-secret", bytes(body)))
                        .raw("application/json", body)
                        .send(),
                400,
                "invalid_signature");
        assertThat(board.find(task.id()).orElseThrow().status()).isEqualTo(AgentTaskStatus.SUBMITTED);
    }

    @Test
    void twoInstancesMakeOneIssuePerTask() {
        Orchestrator onFirst = first.getBean(Orchestrator.class);
        Orchestrator onSecond = second.getBean(Orchestrator.class);
        List<AgentTask> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Orchestrator board = i % 2 == 0 ? onFirst : onSecond;
            AgentTask task = board.submit(AgentTaskRequest.of(AgentType.APPROVAL_WORKFLOW, "Shared " + i));
            board.start(task.id());
            board.complete(task.id(), JSON.createObjectNode());
            tasks.add(task);
        }
        for (AgentTask task : tasks) {
            awaitLabels(task.id(), "a2a:completed");
        }
        awaitIdle();
        for (AgentTask task : tasks) {
            assertThat(github.issuesOf(task.id().toString())).as(task.title()).isEqualTo(1);
            int number = github.issueOf(task.id().toString())
                    .orElseThrow()
                    .path("number")
                    .asInt();
            assertThat(github.commentsOn(number))
                    .containsExactly("Status: **submitted → working**", "Status: **working → completed**");
        }
    }

    @Test
    void theMirrorsStatusIsForAdminsOnly() {
        JsonNode status = status();
        assertThat(status.path("enabled").asBoolean()).isTrue();
        assertThat(status.path("repository").asString()).isEqualTo(FakeGitHub.OWNER_REPO);
        assertThat(status.has("backlog")).isTrue();
        assertThat(status.has("lastSuccessAt")).isTrue();
        assertThat(status.has("lastError")).isTrue();

        Api.Response registered = api.post("/api/auth/register")
                .json(Map.of(
                        "email",
                        "user-" + UUID.randomUUID() + "@example.test",
                        "password",
                        IntegrationTest.PASSWORD,
                        "name",
                        "Someone"))
                .send();
        String customer = registered.json().path("accessToken").asString();
        assertProblem(api.get("/api/integrations/github").token(customer).send(), 403, "forbidden");
        assertThat(api.get("/api/integrations/github").send().status()).isEqualTo(401);
    }

    @Test
    void theOrderFlowGetsOneIssuePerAgentTaskWithFinalLabelsAndStates() {
        String admin = adminToken();
        // An approver, a customer, a course product that needs approval (2 500 ≥ 1 000).
        String approverEmail = "approver-" + UUID.randomUUID() + "@example.test";
        Api.Response approverRegistered = api.post("/api/auth/register")
                .json(Map.of("email", approverEmail, "password", IntegrationTest.PASSWORD, "name", "Ann Approver"))
                .send();
        String approverId = approverRegistered.json().path("user").path("id").asString();
        assertThat(api.put("/api/admin/users/" + approverId + "/roles")
                        .token(admin)
                        .json(Map.of("roles", List.of("approver")))
                        .send()
                        .status())
                .isEqualTo(200);
        String approver = login(approverEmail);
        Api.Response customerRegistered = api.post("/api/auth/register")
                .json(Map.of(
                        "email",
                        "buyer-" + UUID.randomUUID() + "@example.test",
                        "password",
                        IntegrationTest.PASSWORD,
                        "name",
                        "Bea Buyer"))
                .send();
        String customer = customerRegistered.json().path("accessToken").asString();
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("name", "Course " + UUID.randomUUID());
        product.put("price", Map.of("amount", "2500.00", "currency", "USD"));
        product.put("category", "ai_course_generation");
        product.put("status", "active");
        String productId =
                api.post("/api/products").token(admin).json(product).send().text("id");

        Map<String, Object> input = new LinkedHashMap<>();
        input.put("topic", "Negotiation for engineers");
        input.put("targetAudience", "Engineers who lead projects");
        input.put("difficulty", "intermediate");
        input.put("estimatedHours", 8);
        input.put("learningObjectives", List.of("Prepare", "Anchor", "Close"));
        input.put("format", "text");
        input.put("language", "en");
        Api.Response placed = api.post("/api/orders")
                .token(customer)
                .json(Map.of("productId", productId, "quantity", 1, "input", input))
                .send();
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String orderId = placed.text("id");
        assertThat(placed.text("status")).isEqualTo("awaiting_approval");
        Api.Response approved = api.post("/api/approvals/" + placed.text("approvalId") + "/decisions")
                .token(approver)
                .json(Map.of("decision", "approve", "comment", "Budget approved"))
                .send();
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        Api.Response paid = api.post("/api/orders/" + orderId + "/payments")
                .token(customer)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("paymentMethod", "pm_card_visa"))
                .send();
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(120))
                .until(
                        () -> api.get("/api/orders/" + orderId)
                                .token(customer)
                                .send()
                                .text("status"),
                        "completed"::equals);

        List<Map<String, Object>> rows =
                jdbc.sql("""
                        SELECT t.id, t.agent_type, t.status FROM agent_tasks t
                        WHERE t.resource_id = :order
                           OR t.resource_id IN (SELECT id::text FROM payments WHERE order_id = CAST(:order AS UUID))
                           OR t.ai_job_id = (SELECT ai_job_id FROM orders WHERE id = CAST(:order AS UUID))
                        """).param("order", orderId).query().listOfRows();
        assertThat(rows)
                .extracting(r -> r.get("agent_type"))
                .contains("approval_workflow", "payment_processor", "course_generator");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> rows.stream()
                        .allMatch(r -> github.issueOf(r.get("id").toString())
                                .map(i -> FakeGitHub.labelNames(i).contains("a2a:" + r.get("status")))
                                .orElse(false)));
        awaitIdle();
        for (Map<String, Object> row : rows) {
            String taskId = row.get("id").toString();
            assertThat(github.issuesOf(taskId)).isEqualTo(1);
            ObjectNode issue = github.issueOf(taskId).orElseThrow();
            List<String> labels = FakeGitHub.labelNames(issue);
            assertThat(labels).filteredOn(l -> l.startsWith("a2a:")).containsExactly("a2a:" + row.get("status"));
            assertThat(labels).contains("agent:" + row.get("agent_type"));
            assertThat(labels).filteredOn(l -> l.startsWith("priority:")).hasSize(1);
            assertThat(issue.path("state").asString())
                    .isEqualTo(row.get("status").equals("completed") ? "closed" : "open");
            assertThat(taskView(UUID.fromString(taskId)).path("issueUrl").asString())
                    .isEqualTo(issue.path("html_url").asString());
        }
        // No issue anywhere in the repository shows more than one status label.
        for (ObjectNode issue : github.issues()) {
            assertThat(FakeGitHub.labelNames(issue))
                    .filteredOn(l -> l.startsWith("a2a:"))
                    .hasSize(1);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static ObjectNode awaitLabels(UUID taskId, String statusLabel) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> github.issueOf(taskId.toString())
                        .map(i -> FakeGitHub.labelNames(i).contains(statusLabel))
                        .orElse(false));
        return github.issueOf(taskId.toString()).orElseThrow();
    }

    /** Until no task waits for delivery. */
    private static void awaitIdle() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("SELECT count(*) FROM github_outbox")
                                .query(Long.class)
                                .single()
                        == 0);
    }

    private static FakeGitHub.Received limited() {
        return github.received().stream()
                .filter(r ->
                        r.method().equals("POST") && r.path().equals("/repos/" + FakeGitHub.OWNER_REPO + "/issues"))
                .filter(r -> r.body().contains("Rate limited"))
                .findFirst()
                .orElse(null);
    }

    private static JsonNode status() {
        Api.Response response =
                api.get("/api/integrations/github").token(adminToken()).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode taskView(UUID taskId) {
        Api.Response response =
                api.get("/api/agents/tasks?size=100").token(adminToken()).send();
        for (JsonNode item : response.json().path("items")) {
            if (item.path("id").asString().equals(taskId.toString())) {
                return item;
            }
        }
        Api.Response more =
                api.get("/api/agents/tasks?size=100&page=1").token(adminToken()).send();
        for (JsonNode item : more.json().path("items")) {
            if (item.path("id").asString().equals(taskId.toString())) {
                return item;
            }
        }
        throw new AssertionError("task " + taskId + " is not listed");
    }

    private static String adminToken() {
        return login(IntegrationTest.ADMIN_EMAIL);
    }

    private static String login(String email) {
        String password =
                email.equals(IntegrationTest.ADMIN_EMAIL) ? IntegrationTest.ADMIN_PASSWORD : IntegrationTest.PASSWORD;
        Api.Response response = api.post("/api/auth/login")
                .json(Map.of("email", email, "password", password))
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("accessToken").asString();
    }

    private static String event(String action, ObjectNode issue) {
        ObjectNode event = JSON.createObjectNode().put("action", action);
        event.set("issue", issue);
        event.putObject("repository").put("full_name", FakeGitHub.OWNER_REPO);
        event.putObject("sender").put("login", "someone");
        return event.toString();
    }

    private static String commentEvent(ObjectNode issue, ObjectNode comment) {
        ObjectNode event = JSON.createObjectNode().put("action", "created");
        event.set("issue", issue);
        event.set("comment", comment);
        event.putObject("repository").put("full_name", FakeGitHub.OWNER_REPO);
        return event.toString();
    }

    private static Api.Response webhook(Api target, String type, String body) {
        return target.post("/api/integrations/github/webhook")
                .header("X-GitHub-Event", type)
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", sign(SECRET, bytes(body)))
                .raw("application/json", body)
                .send();
    }

    /** A private key as GitHub hands it out: PKCS#1 PEM. */
    private static String pkcs1Pem(RSAPrivateCrtKey key) throws Exception {
        byte[] der = new org.bouncycastle.asn1.pkcs.RSAPrivateKey(
                        key.getModulus(),
                        key.getPublicExponent(),
                        key.getPrivateExponent(),
                        key.getPrimeP(),
                        key.getPrimeQ(),
                        key.getPrimeExponentP(),
                        key.getPrimeExponentQ(),
                        key.getCrtCoefficient())
                .getEncoded();
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN RSA PRIVATE KEY-----\n" + base64 + "\n-----END RSA PRIVATE KEY-----\n";
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** The signature as GitHub computes it: {@code sha256=} and the hex HMAC-SHA256 of the body. */
    private static String sign(String secret, byte[] body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
