package dev.miyabi.platform.approvals;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.support.Api;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Approval requests over HTTP on real PostgreSQL: policies matching orders, stages, modes, decisions. */
class ApprovalWorkflowIntegrationTests extends ApprovalFixtures {

    @Autowired
    DataSource dataSource;

    @Test
    void theDefaultPolicyAsksOneApproverFrom1000AndTheOrderMovesOnApproval() {
        Session approver = registerWithRoles("approver");
        Session customer = register();
        assertThat(placeFor(customer, "999.99", "USD").path("status").asString())
                .isEqualTo("awaiting_payment");

        JsonNode order = placeFor(customer, "1000.00", "USD");

        assertThat(order.path("status").asString()).isEqualTo("awaiting_approval");
        JsonNode entry = order.path("timeline").get(1);
        assertThat(entry.path("status").asString()).isEqualTo("awaiting_approval");
        assertThat(entry.path("actor").path("type").asString()).isEqualTo("agent");
        assertThat(entry.path("actor").path("id").asString()).isEqualTo("205");
        assertThat(entry.path("note").asString()).contains("Default order approval", "Approver review");
        assertThat(entry.path("kind").asString()).isEqualTo("approval_required");
        assertThat(entry.path("params").path("policyName").asString()).isEqualTo("Default order approval");
        assertThat(entry.path("params").path("stageName").asString()).isEqualTo("Approver review");
        UUID requestId = UUID.fromString(order.path("approvalId").asString());
        JsonNode request = approval(customer, requestId);
        assertThat(request.path("status").asString()).isEqualTo("pending");
        assertThat(request.path("resourceType").asString()).isEqualTo("order");
        assertThat(request.path("resourceId").asString())
                .isEqualTo(order.path("id").asString());
        assertThat(request.path("requesterId").asString())
                .isEqualTo(customer.id().toString());
        assertThat(request.path("requesterName").asString()).isEqualTo("Test User");
        assertThat(request.path("requesterEmail").asString()).isEqualTo(customer.email());
        assertThat(request.path("order").path("productId").asString())
                .isEqualTo(order.path("productId").asString());
        assertThat(request.path("order").path("productName").asString())
                .isEqualTo(order.path("productName").asString());
        assertThat(request.path("order").path("quantity").asInt()).isEqualTo(1);
        assertThat(request.path("amount").path("amount").asString()).isEqualTo("1000.00");
        assertThat(request.path("stages")).hasSize(1);
        JsonNode stage = request.path("stages").get(0);
        assertThat(stage.path("name").asString()).isEqualTo("Approver review");
        assertThat(stage.path("approverRole").asString()).isEqualTo("approver");
        assertThat(stage.path("mode").asString()).isEqualTo("any");
        assertThat(stage.path("status").asString()).isEqualTo("pending");
        assertThat(stage.path("approvers").toString()).contains(approver.id().toString());
        assertThat(stage.path("dueAt").asString()).isNotBlank();
        assertThat(inbox(approver)).contains(requestId.toString());
        assertThat(api.get("/api/approvals?status=pending&assignedToMe=true&size=100")
                        .token(approver.accessToken())
                        .send()
                        .json()
                        .path("items")
                        .findValuesAsString("requesterName"))
                .contains("Test User");
        assertThat(inbox(customer)).isEmpty();
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM agent_tasks WHERE agent_type = 'approval_workflow' AND resource_id = :order
                          AND status = 'completed' AND title LIKE 'Open approval%'
                        """)
                        .param("order", order.path("id").asString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        Api.Response decided = decide(approver, requestId, "approve", "Within budget");

        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        assertThat(decided.json().path("status").asString()).isEqualTo("approved");
        assertThat(decided.json().path("decidedAt").asString()).isNotBlank();
        JsonNode paidFor = order(customer, UUID.fromString(order.path("id").asString()));
        assertThat(paidFor.path("status").asString()).isEqualTo("awaiting_payment");
        JsonNode approvedEntry = paidFor.path("timeline").get(2);
        assertThat(approvedEntry.path("actor").path("type").asString()).isEqualTo("user");
        assertThat(approvedEntry.path("actor").path("id").asString())
                .isEqualTo(approver.id().toString());
        assertThat(approvedEntry.path("note").asString()).contains("Approved by Test User");
        assertThat(inbox(approver)).doesNotContain(requestId.toString());
        JsonNode audited = approval(customer, requestId);
        assertThat(actions(audited)).containsExactly("opened", "stage_started", "approve");
        JsonNode decision = audited.path("audit").get(2);
        assertThat(decision.path("actor").path("id").asString())
                .isEqualTo(approver.id().toString());
        assertThat(decision.path("actor").path("type").asString()).isEqualTo("user");
        assertThat(decision.path("fromStatus").asString()).isEqualTo("pending");
        assertThat(decision.path("toStatus").asString()).isEqualTo("approved");
        assertThat(decision.path("detail").asString()).isEqualTo("Within budget");
        assertThat(decision.path("at").asString()).isNotBlank();
        assertThat(audited.path("stages")
                        .get(0)
                        .path("decisions")
                        .get(0)
                        .path("decision")
                        .asString())
                .isEqualTo("approve");
    }

    @Test
    void from10000AnApproverThenAnAdminDecide() {
        Session approver = registerWithRoles("approver");
        Session customer = register();
        JsonNode order = placeFor(customer, "10000.00", "USD");
        UUID requestId = UUID.fromString(order.path("approvalId").asString());
        JsonNode request = approval(customer, requestId);
        assertThat(request.path("stages").findValuesAsString("name"))
                .containsExactly("Approver review", "Admin sign-off");
        assertThat(request.path("stages").get(1).path("status").asString()).isEqualTo("waiting");

        JsonNode afterFirst = decide(approver, requestId, "approve", null).json();

        assertThat(afterFirst.path("status").asString()).isEqualTo("pending");
        assertThat(afterFirst.path("currentStage").asInt()).isEqualTo(1);
        assertThat(afterFirst.path("stages").get(0).path("status").asString()).isEqualTo("approved");
        assertThat(afterFirst.path("stages").get(1).path("status").asString()).isEqualTo("pending");
        assertThat(orderStatus(customer, order.path("id").asString())).isEqualTo("awaiting_approval");
        assertThat(inbox(adminSession())).contains(requestId.toString());
        assertProblem(decide(approver, requestId, "approve", null), 403, "forbidden");

        assertThat(decide(adminSession(), requestId, "approve", "Signed off")
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("approved");
        assertThat(orderStatus(customer, order.path("id").asString())).isEqualTo("awaiting_payment");
        assertThat(actions(approval(adminSession(), requestId)))
                .containsExactly("opened", "stage_started", "approve", "stage_started", "approve");
    }

    @Test
    void allNeedsEveryApprover() {
        Session a = register();
        Session b = register();
        Session c = register();
        createPolicy("CHF", "0", List.of(stage("Board", "all", List.of(a.id(), b.id(), c.id()))));
        Session customer = register();
        UUID approved = awaitingApproval(customer, "100.00", "CHF");
        UUID rejected = awaitingApproval(customer, "100.00", "CHF");

        assertThat(decide(a, approved, "approve", null).json().path("status").asString())
                .isEqualTo("pending");
        assertThat(decide(b, approved, "approve", null).json().path("status").asString())
                .isEqualTo("pending");
        assertThat(inbox(a)).doesNotContain(approved.toString());
        assertThat(askedMe(a, "pending"))
                .as("a pending request I decided while others still must stays in my 'asked me' view")
                .contains(approved.toString());
        assertThat(inbox(c)).contains(approved.toString());
        assertThat(decide(c, approved, "approve", null).json().path("status").asString())
                .isEqualTo("approved");

        assertThat(decide(a, rejected, "approve", null).json().path("status").asString())
                .isEqualTo("pending");
        assertThat(decide(b, rejected, "reject", "Not this quarter")
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("rejected");
        assertProblem(decide(c, rejected, "approve", null), 409, "invalid_state");
    }

    @Test
    void majorityNeedsMoreThanHalf() {
        Session a = register();
        Session b = register();
        Session c = register();
        createPolicy("SEK", "0", List.of(stage("Committee", "majority", List.of(a.id(), b.id(), c.id()))));
        Session customer = register();
        UUID approved = awaitingApproval(customer, "500.00", "SEK");
        UUID rejected = awaitingApproval(customer, "500.00", "SEK");

        assertThat(decide(a, approved, "approve", null).json().path("status").asString())
                .isEqualTo("pending");
        assertThat(decide(b, approved, "reject", "Too expensive")
                        .json()
                        .path("status")
                        .asString())
                .as("one rejection of three leaves a majority possible")
                .isEqualTo("pending");
        assertThat(decide(c, approved, "approve", null).json().path("status").asString())
                .isEqualTo("approved");

        assertThat(decide(a, rejected, "reject", "No").json().path("status").asString())
                .isEqualTo("pending");
        JsonNode after = decide(c, rejected, "reject", "No budget").json();
        assertThat(after.path("status").asString()).as("two of three rejected").isEqualTo("rejected");
        assertThat(after.path("stages").get(0).path("status").asString()).isEqualTo("rejected");
    }

    @Test
    void anyTakesTheFirstDecisionAndARejectionEndsTheOrder() {
        Session a = register();
        Session b = register();
        createPolicy("NOK", "0", List.of(stage("Either", "any", List.of(a.id(), b.id()))));
        Session customer = register();
        JsonNode order = placeFor(customer, "300.00", "NOK");
        UUID requestId = UUID.fromString(order.path("approvalId").asString());

        JsonNode rejected =
                decide(b, requestId, "reject", "Duplicate of an earlier order").json();

        assertThat(rejected.path("status").asString()).isEqualTo("rejected");
        JsonNode rejectedOrder =
                order(customer, UUID.fromString(order.path("id").asString()));
        assertThat(rejectedOrder.path("status").asString()).isEqualTo("rejected");
        JsonNode entry = rejectedOrder.path("timeline").get(2);
        assertThat(entry.path("status").asString()).isEqualTo("rejected");
        assertThat(entry.path("actor").path("id").asString()).isEqualTo(b.id().toString());
        assertThat(entry.path("note").asString()).contains("Rejected by", "Duplicate of an earlier order");
        assertProblem(decide(a, requestId, "approve", null), 409, "invalid_state");
        assertProblem(
                pay(customer, UUID.fromString(order.path("id").asString()), "pm_card_visa"), 409, "invalid_state");
        assertThat(actions(approval(customer, requestId))).containsExactly("opened", "stage_started", "reject");
    }

    @Test
    void twoStagesDecideInOrder() {
        Session first = register();
        Session second = register();
        Session third = register();
        createPolicy(
                "DKK",
                "0",
                List.of(
                        stage("Team lead", "any", List.of(first.id())),
                        stage("Finance", "all", List.of(second.id(), third.id()))));
        Session customer = register();
        JsonNode order = placeFor(customer, "2000.00", "DKK");
        UUID requestId = UUID.fromString(order.path("approvalId").asString());
        assertThat(inbox(second)).doesNotContain(requestId.toString());
        assertProblem(decide(second, requestId, "approve", null), 403, "forbidden");

        decide(first, requestId, "approve", "ok");

        assertThat(inbox(second)).contains(requestId.toString());
        assertThat(inbox(first)).doesNotContain(requestId.toString());
        assertThat(askedMe(first, "pending"))
                .as("the first stage's approver still finds the request while a later stage decides")
                .contains(requestId.toString());
        assertThat(askedMe(second, "pending")).contains(requestId.toString());
        assertThat(askedMe(customer, "pending"))
                .as("the requester was never asked")
                .doesNotContain(requestId.toString());
        assertThat(askedMe(first, "approved")).doesNotContain(requestId.toString());
        assertProblem(decide(first, requestId, "approve", null), 403, "forbidden");
        decide(second, requestId, "approve", null);
        assertThat(orderStatus(customer, order.path("id").asString())).isEqualTo("awaiting_approval");
        assertThat(decide(third, requestId, "approve", null)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("approved");
        assertThat(orderStatus(customer, order.path("id").asString())).isEqualTo("awaiting_payment");

        JsonNode request = approval(customer, requestId);
        assertThat(actions(request))
                .containsExactly("opened", "stage_started", "approve", "stage_started", "approve", "approve");
        assertThat(request.path("audit").findValuesAsString("toStatus"))
                .containsExactly("pending", "pending", "pending", "pending", "pending", "approved");
        assertThat(request.path("stages").get(1).path("decisions")).hasSize(2);
    }

    @Test
    void theRequesterMayNeverDecideOnTheirOwnRequest() {
        Session other = register();
        Session customer = register();
        createPolicy("PLN", "0", List.of(stage("Peers", "all", List.of(customer.id(), other.id()))));
        UUID requestId = awaitingApproval(customer, "100.00", "PLN");

        JsonNode request = approval(customer, requestId);
        assertThat(request.path("stages").get(0).path("approvers").toString())
                .doesNotContain(customer.id().toString())
                .contains(other.id().toString());
        assertProblem(decide(customer, requestId, "approve", null), 403, "self_approval_forbidden");
        assertProblem(decide(customer, requestId, "reject", "no"), 403, "self_approval_forbidden");
        assertThat(decide(other, requestId, "approve", null)
                        .json()
                        .path("status")
                        .asString())
                .as("'all' means all approvers but the requester")
                .isEqualTo("approved");

        Session admin = adminSession();
        UUID adminsOwn = awaitingApproval(admin, "1500.00", "USD");
        assertProblem(decide(admin, adminsOwn, "approve", null), 403, "self_approval_forbidden");
    }

    @Test
    void oneDecisionPerApproverAndStageEvenWhenSentTwiceAtOnce() throws Exception {
        Session a = register();
        Session b = register();
        createPolicy("CZK", "0", List.of(stage("Both", "all", List.of(a.id(), b.id()))));
        Session customer = register();
        UUID requestId = awaitingApproval(customer, "900.00", "CZK");

        assertThat(decide(a, requestId, "approve", null).status()).isEqualTo(200);
        assertProblem(decide(a, requestId, "approve", null), 409, "already_decided");
        assertProblem(decide(a, requestId, "reject", "changed my mind"), 409, "already_decided");

        UUID another = awaitingApproval(customer, "900.00", "CZK");
        List<Api.Response> answers = concurrently(8, () -> decide(a, another, "approve", null));
        assertThat(answers.stream().filter(r -> r.status() == 200)).hasSize(1);
        answers.stream().filter(r -> r.status() != 200).forEach(r -> assertProblem(r, 409, "already_decided"));
        assertThat(approval(a, another).path("stages").get(0).path("decisions")).hasSize(1);
    }

    @Test
    void decisionsAreValidatedAndOnlyApproversOfTheStageDecide() {
        Session a = register();
        Session stranger = register();
        Session approverElsewhere = registerWithRoles("approver");
        createPolicy("HUF", "0", List.of(stage("Only A", "any", List.of(a.id()))));
        Session customer = register();
        UUID requestId = awaitingApproval(customer, "1000.00", "HUF");

        assertProblem(decide(stranger, requestId, "approve", null), 404, "not_found");
        assertProblem(
                api.get("/api/approvals/" + requestId)
                        .token(stranger.accessToken())
                        .send(),
                404,
                "not_found");
        assertProblem(decide(approverElsewhere, requestId, "approve", null), 404, "not_found");
        assertProblem(decide(adminSession(), requestId, "approve", null), 403, "forbidden");
        assertProblem(decide(a, requestId, "maybe", null), 400, "validation_failed");
        assertProblem(decide(a, requestId, "reject", null), 400, "validation_failed");
        assertProblem(decide(a, requestId, "request_changes", "  "), 400, "validation_failed");
        assertProblem(decide(a, requestId, "approve", "x".repeat(2001)), 400, "validation_failed");
        assertProblem(decide(a, UUID.randomUUID(), "approve", null), 404, "not_found");
        assertProblem(
                api.post("/api/approvals/" + requestId + "/decisions")
                        .json(Map.of("decision", "approve"))
                        .send(),
                401,
                "unauthorized");
        assertThat(approval(a, requestId).path("status").asString()).isEqualTo("pending");
        assertThat(approval(adminSession(), requestId).path("status").asString())
                .isEqualTo("pending");
    }

    @Test
    void requestersListTheirOwnApproversTheirInboxAdminsEverything() {
        Session a = register();
        createPolicy("NZD", "0", List.of(stage("A", "any", List.of(a.id()))));
        Session customer = register();
        Session other = register();
        UUID mine = awaitingApproval(customer, "10.00", "NZD");
        UUID theirs = awaitingApproval(other, "10.00", "NZD");

        JsonNode own =
                api.get("/api/approvals").token(customer.accessToken()).send().json();
        assertThat(own.path("items").findValuesAsString("requesterId"))
                .containsOnly(customer.id().toString());
        assertThat(own.path("items").toString()).contains(mine.toString()).doesNotContain(theirs.toString());
        assertThat(own.path("items").get(0).has("audit"))
                .as("listings leave the audit trail out")
                .isFalse();
        assertThat(inbox(a)).contains(mine.toString(), theirs.toString());
        JsonNode all = api.get("/api/approvals?resourceId="
                        + approval(other, theirs).path("resourceId").asString())
                .token(adminSession().accessToken())
                .send()
                .json();
        assertThat(all.path("total").asLong()).isEqualTo(1);
        assertProblem(
                api.get("/api/approvals?requesterId=" + other.id())
                        .token(customer.accessToken())
                        .send(),
                403,
                "forbidden");
        assertProblem(
                api.get("/api/approvals?status=maybe")
                        .token(customer.accessToken())
                        .send(),
                400,
                "validation_failed");
        assertProblem(
                api.get("/api/approvals?askedMe=maybe")
                        .token(customer.accessToken())
                        .send(),
                400,
                "validation_failed");
        assertProblem(api.get("/api/approvals?askedMe=true").send(), 401, "unauthorized");

        decide(a, mine, "approve", null);
        assertThat(inbox(a)).doesNotContain(mine.toString()).contains(theirs.toString());
        assertThat(api.get("/api/approvals?assignedToMe=true&status=approved")
                        .token(a.accessToken())
                        .send()
                        .json()
                        .path("items")
                        .findValuesAsString("id"))
                .contains(mine.toString());
    }

    @Test
    void requestedChangesAreMadeByPatchingTheOrderWhichReopensTheRequest() {
        Session a = register();
        createPolicy("SGD", "0", List.of(stage("Reviewer", "any", List.of(a.id()))));
        Session customer = register();
        Session stranger = register();
        String product = createProduct("200.00", "SGD", "technical_support");
        JsonNode order = placeOrder(customer, product, 1, "Please call me").json();
        UUID orderId = UUID.fromString(order.path("id").asString());
        UUID requestId = UUID.fromString(order.path("approvalId").asString());
        assertProblem(patch(customer, orderId, Map.of("input", "too early")), 409, "invalid_state");

        assertThat(approval(a, requestId).path("order").path("input").asString())
                .isEqualTo("Please call me");
        JsonNode changes = decide(a, requestId, "request_changes", "Say which system is affected")
                .json();

        assertThat(changes.path("status").asString()).isEqualTo("changes_requested");
        assertThat(changes.path("stages").get(0).path("status").asString()).isEqualTo("changes_requested");
        assertThat(orderStatus(customer, orderId.toString())).isEqualTo("awaiting_approval");
        assertProblem(decide(a, requestId, "approve", null), 409, "already_decided");
        assertProblem(patch(stranger, orderId, Map.of("input", "x")), 404, "not_found");
        assertProblem(patch(adminSession(), orderId, Map.of("input", "x")), 403, "forbidden");
        assertProblem(patch(customer, orderId, Map.of("input", "x".repeat(10 * 1024 + 1))), 422, "invalid_input");

        Api.Response revised = patch(customer, orderId, Map.of("input", "The billing system is affected"));

        assertThat(revised.status()).as(revised.toString()).isEqualTo(200);
        assertThat(revised.json().path("input").asString()).isEqualTo("The billing system is affected");
        assertThat(revised.json().path("status").asString()).isEqualTo("awaiting_approval");
        JsonNode entry = revised.json().path("timeline").get(3);
        assertThat(entry.path("actor").path("id").asString())
                .isEqualTo(customer.id().toString());
        assertThat(entry.path("note").asString()).contains("revised");
        JsonNode reopened = approval(customer, requestId);
        assertThat(reopened.path("status").asString()).isEqualTo("pending");
        assertThat(approval(a, requestId).path("order").path("input").asString())
                .as("the approver sees the revised input")
                .isEqualTo("The billing system is affected");
        assertThat(api.get("/api/approvals?status=pending&assignedToMe=true")
                        .token(a.accessToken())
                        .send()
                        .json()
                        .path("items")
                        .get(0)
                        .path("order")
                        .path("input")
                        .asString())
                .isEqualTo("The billing system is affected");
        assertThat(reopened.path("round").asInt()).isEqualTo(2);
        assertThat(reopened.path("currentStage").asInt()).isZero();
        assertThat(reopened.path("stages").get(0).path("decisions")).isEmpty();
        assertThat(inbox(a)).contains(requestId.toString());
        assertProblem(patch(customer, orderId, Map.of("input", "again")), 409, "invalid_state");

        assertThat(decide(a, requestId, "approve", null).json().path("status").asString())
                .isEqualTo("approved");
        assertThat(orderStatus(customer, orderId.toString())).isEqualTo("awaiting_payment");
        JsonNode audited = approval(customer, requestId);
        assertThat(actions(audited))
                .containsExactly("opened", "stage_started", "request_changes", "reopened", "stage_started", "approve");
        JsonNode reopenedEntry = audited.path("audit").get(3);
        assertThat(reopenedEntry.path("actor").path("id").asString())
                .isEqualTo(customer.id().toString());
        assertThat(reopenedEntry.path("fromStatus").asString()).isEqualTo("changes_requested");
        assertThat(reopenedEntry.path("toStatus").asString()).isEqualTo("pending");
        assertThat(reopenedEntry.path("round").asInt()).isEqualTo(2);

        UUID plain =
                UUID.fromString(placeFor(customer, "5.00", "USD").path("id").asString());
        assertProblem(patch(customer, plain, Map.of("input", "x")), 409, "invalid_state");
    }

    @Test
    void aRevisedCourseInputIsCheckedLikeAtPlacement() {
        Session a = register();
        createPolicy("HKD", "0", List.of(stage("Reviewer", "any", List.of(a.id()))));
        Session customer = register();
        JsonNode order = placeOrder(customer, createProduct("800.00", "HKD", "ai_course_generation"), 1, courseInput())
                .json();
        UUID orderId = UUID.fromString(order.path("id").asString());
        decide(a, UUID.fromString(order.path("approvalId").asString()), "request_changes", "Fewer hours please");

        JsonNode problem =
                assertProblem(patch(customer, orderId, Map.of("input", Map.of("topic", "x"))), 422, "invalid_input");
        assertThat(problem.path("errors").findValuesAsString("field")).anyMatch(f -> f.startsWith("input"));
        assertProblem(
                api.patch("/api/orders/" + orderId)
                        .token(customer.accessToken())
                        .raw("application/json", "{\"input\": ")
                        .send(),
                400,
                "malformed_request");
        Map<String, Object> revised = new java.util.LinkedHashMap<>(courseInput());
        revised.put("estimatedHours", 4);
        assertThat(patch(customer, orderId, Map.of("input", revised))
                        .json()
                        .path("input")
                        .path("estimatedHours")
                        .asInt())
                .isEqualTo(4);
    }

    @Test
    void cancellingAnOrderEndsItsOpenRequest() {
        Session a = register();
        createPolicy("ZAR", "0", List.of(stage("A", "any", List.of(a.id()))));
        Session customer = register();
        JsonNode order = placeFor(customer, "100.00", "ZAR");
        UUID requestId = UUID.fromString(order.path("approvalId").asString());

        assertThat(api.post("/api/orders/" + order.path("id").asString() + "/cancel")
                        .token(customer.accessToken())
                        .json(Map.of("reason", "No longer needed"))
                        .send()
                        .status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                approval(customer, requestId).path("status").asString())
                        .isEqualTo("cancelled"));
        assertThat(inbox(a)).doesNotContain(requestId.toString());
        JsonNode audit = approval(customer, requestId).path("audit");
        JsonNode cancelled = audit.get(audit.size() - 1);
        assertThat(cancelled.path("action").asString()).isEqualTo("cancelled");
        assertThat(cancelled.path("actor").path("id").asString())
                .isEqualTo(customer.id().toString());
        assertThat(cancelled.path("detail").asString()).isEqualTo("No longer needed");
        assertProblem(decide(a, requestId, "approve", null), 409, "invalid_state");
    }

    @Test
    void aSecondDecisionOfTheSameApproverIsAlreadyDecidedAlsoWhenTheFirstEndedTheRequest() {
        Session a = register();
        Session b = register();
        createPolicy("ILS", "0", List.of(stage("Either", "any", List.of(a.id(), b.id()))));
        Session customer = register();

        for (String decision : List.of("approve", "reject", "request_changes")) {
            UUID requestId = awaitingApproval(customer, "100.00", "ILS");
            assertThat(decide(a, requestId, decision, "First").status()).isEqualTo(200);

            assertProblem(decide(a, requestId, decision, "Again"), 409, "already_decided");
            assertProblem(decide(a, requestId, "approve", null), 409, "already_decided");
            JsonNode notPending = assertProblem(decide(b, requestId, "approve", null), 409, "invalid_state");
            assertThat(notPending.path("currentStatus").asString()).isNotEqualTo("pending");
            assertThat(approval(a, requestId).path("stages").get(0).path("decisions"))
                    .hasSize(1);
        }
    }

    @Test
    void theOrdersTimelineNamesTheApproverWhoseDecisionMovedIt() {
        Session ann = register("ann-" + UUID.randomUUID() + "@example.test", "Ann Approver");
        Session rita = register("rita-" + UUID.randomUUID() + "@example.test", "Rita Reviewer");
        createPolicy("CAD", "0", List.of(stage("Either", "any", List.of(ann.id(), rita.id()))));
        createPolicy("TRY", "0", List.of(stage("Both", "all", List.of(ann.id(), rita.id()))));
        Session customer = register();

        JsonNode approved = placeFor(customer, "100.00", "CAD");
        decide(ann, UUID.fromString(approved.path("approvalId").asString()), "approve", "Fine");
        assertActor(entry(order(customer, id(approved)), "awaiting_payment"), ann, "Ann Approver");

        JsonNode rejected = placeFor(customer, "100.00", "CAD");
        decide(rita, UUID.fromString(rejected.path("approvalId").asString()), "reject", "Over budget");
        JsonNode rejectedEntry = entry(order(customer, id(rejected)), "rejected");
        assertActor(rejectedEntry, rita, "Rita Reviewer");
        assertThat(rejectedEntry.path("note").asString()).contains("Over budget");

        JsonNode changed = placeFor(customer, "100.00", "CAD");
        decide(ann, UUID.fromString(changed.path("approvalId").asString()), "request_changes", "Name the system");
        JsonNode timeline = order(customer, id(changed)).path("timeline");
        JsonNode asked = timeline.get(timeline.size() - 1);
        assertThat(asked.path("status").asString()).isEqualTo("awaiting_approval");
        assertActor(asked, ann, "Ann Approver");
        assertThat(asked.path("note").asString()).contains("Name the system");
        assertThat(asked.path("kind").asString()).isEqualTo("changes_requested");
        assertThat(asked.path("params").path("approver").asString()).isEqualTo("Ann Approver");
        assertThat(asked.path("params").path("comment").asString()).isEqualTo("Name the system");

        // With mode "all" the last approval moves the order; the note names everyone who approved.
        JsonNode both = placeFor(customer, "100.00", "TRY");
        UUID bothRequest = UUID.fromString(both.path("approvalId").asString());
        decide(ann, bothRequest, "approve", null);
        decide(rita, bothRequest, "approve", null);
        JsonNode bothEntry = entry(order(customer, id(both)), "awaiting_payment");
        assertActor(bothEntry, rita, "Rita Reviewer");
        assertThat(bothEntry.path("note").asString()).contains("Ann Approver", "Rita Reviewer");
        assertThat(bothEntry.path("kind").asString()).isEqualTo("approved");
        assertThat(bothEntry.path("params").path("approvers").valueStream().map(JsonNode::asString))
                .containsExactly("Ann Approver", "Rita Reviewer");
    }

    @Test
    void aDecisionRacingTheOrdersCancellationIsRefusedAndOrderAndRequestEndCancelled() throws Exception {
        Session a = register();
        createPolicy("RON", "0", List.of(stage("A", "any", List.of(a.id()))));
        Session customer = register();
        JsonNode placed = placeFor(customer, "100.00", "RON");
        UUID orderId = id(placed);
        UUID requestId = UUID.fromString(placed.path("approvalId").asString());

        // Hold the request's row lock: the decision waits for it, the cancellation commits meanwhile, and the
        // listener that ends the request (it learns of the cancellation asynchronously) queues behind the decision.
        Api.Response answer;
        try (Connection holder = dataSource.getConnection();
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock =
                    holder.prepareStatement("SELECT id FROM approval_requests WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, requestId);
                lock.executeQuery().close();
            }
            Future<Api.Response> decision = pool.submit(() -> decide(a, requestId, "approve", "Looks right"));
            await().atMost(Duration.ofSeconds(20)).until(() -> waitingForApprovalLocks() >= 1);
            assertThat(api.post("/api/orders/" + orderId + "/cancel")
                            .token(customer.accessToken())
                            .send()
                            .status())
                    .isEqualTo(200);
            holder.rollback();
            answer = decision.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }

        assertProblem(answer, 409, "invalid_state");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                approval(customer, requestId).path("status").asString())
                        .isEqualTo("cancelled"));
        JsonNode request = approval(customer, requestId);
        assertThat(request.path("stages").get(0).path("decisions")).isEmpty();
        assertThat(actions(request)).containsExactly("opened", "stage_started", "cancelled");
        JsonNode order = order(customer, orderId);
        assertThat(order.path("status").asString()).isEqualTo("cancelled");
        assertThat(statuses(order)).containsExactly("pending", "awaiting_approval", "cancelled");
    }

    @Test
    void theAuditTrailCannotBeChanged() {
        Session a = register();
        createPolicy("MXN", "0", List.of(stage("A", "any", List.of(a.id()))));
        UUID requestId = awaitingApproval(register(), "100.00", "MXN");
        decide(a, requestId, "approve", null);

        assertThatThrownBy(
                        () -> jdbc.sql("UPDATE approval_audit SET actor_name = 'someone else' WHERE request_id = :id")
                                .param("id", requestId)
                                .update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM approval_decisions WHERE request_id = :id")
                        .param("id", requestId)
                        .update())
                .hasMessageContaining("append-only");
        assertThat(actions(approval(a, requestId))).containsExactly("opened", "stage_started", "approve");
    }

    private long waitingForApprovalLocks() {
        return jdbc.sql("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE datname = current_database() AND wait_event_type = 'Lock'
                          AND query LIKE '%FROM approval_requests r WHERE r.id = %FOR UPDATE%'
                        """).query(Long.class).single();
    }

    private static UUID id(JsonNode order) {
        return UUID.fromString(order.path("id").asString());
    }

    private static void assertActor(JsonNode entry, Session user, String name) {
        assertThat(entry.path("actor").path("type").asString())
                .as(entry.toString())
                .isEqualTo("user");
        assertThat(entry.path("actor").path("id").asString())
                .as(entry.toString())
                .isEqualTo(user.id().toString());
        assertThat(entry.path("actor").path("name").asString())
                .as(entry.toString())
                .isEqualTo(name);
    }

    private Api.Response patch(Session session, UUID orderId, Map<String, Object> body) {
        return api.patch("/api/orders/" + orderId)
                .token(session.accessToken())
                .json(body)
                .send();
    }

    private static <T> List<T> concurrently(int n, Callable<T> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new java.util.ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
