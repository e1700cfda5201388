package dev.miyabi.platform.approvals;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.approvals.internal.ApprovalTimeouts;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Stages nobody decided in time, driven by moving their due time into the past in the database and
 * running the job as the scheduler would (on any instance).
 */
class ApprovalTimeoutsIntegrationTests extends ApprovalFixtures {

    @Autowired
    ApprovalTimeouts timeouts;

    @Test
    void aTimedOutStageIsEscalatedToTheAdminsOnce() throws Exception {
        Session a = register();
        createPolicy("THB", "0", List.of(withTimeout(stage("Slow reviewer", "all", List.of(a.id())), 24, "escalate")));
        Session customer = register();
        JsonNode order = placeFor(customer, "100.00", "THB");
        UUID requestId = UUID.fromString(order.path("approvalId").asString());
        JsonNode before = approval(customer, requestId).path("stages").get(0);
        assertThat(before.path("timeoutHours").asInt()).isEqualTo(24);
        assertThat(before.path("dueAt").asString()).isNotBlank();
        assertThat(timeouts.handleDue()).as("not due yet").isZero();
        assertThat(approval(customer, requestId)
                        .path("stages")
                        .get(0)
                        .path("escalated")
                        .asBoolean())
                .isFalse();

        makeDue(requestId);
        // Every instance runs the job; only one of them handles the request.
        List<Integer> handled = concurrently(4, timeouts::handleDue);
        assertThat(handled.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(1);

        JsonNode escalated = approval(customer, requestId);
        JsonNode stage = escalated.path("stages").get(0);
        assertThat(escalated.path("status").asString()).isEqualTo("pending");
        assertThat(stage.path("escalated").asBoolean()).isTrue();
        assertThat(stage.path("dueAt").isNull())
                .as("escalated once; no second deadline")
                .isTrue();
        assertThat(stage.path("approvers").toString())
                .as("the stage is the admins' now")
                .doesNotContain(a.id().toString())
                .contains(adminSession().id().toString());
        assertThat(actions(escalated)).containsExactly("opened", "stage_started", "escalated");
        JsonNode entry = escalated.path("audit").get(2);
        assertThat(entry.path("actor").path("type").asString())
                .as("a timer escalated it")
                .isEqualTo("system");
        assertThat(entry.path("detail").asString()).contains("24 h", "admin");
        assertThat(inbox(adminSession())).contains(requestId.toString());
        assertThat(timeouts.handleDue()).as("nothing is due twice").isZero();
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM agent_tasks WHERE agent_type = 'approval_workflow'
                          AND resource_id = :order AND title LIKE 'Stage timed out%' AND status = 'completed'
                        """)
                        .param("order", order.path("id").asString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        assertProblem(decide(a, requestId, "approve", null), 403, "forbidden");
        JsonNode decided = decide(adminSession(), requestId, "approve", "Approved on escalation")
                .json();
        assertThat(decided.path("status").asString())
                .as("an escalated stage takes one admin's decision, whatever its mode")
                .isEqualTo("approved");
        assertThat(orderStatus(customer, order.path("id").asString())).isEqualTo("awaiting_payment");
    }

    @Test
    void aTimedOutStageThatRejectsExpiresTheRequestAndRejectsTheOrder() {
        Session a = register();
        createPolicy("INR", "0", List.of(withTimeout(stage("Strict", "any", List.of(a.id())), 2, "reject")));
        Session customer = register();
        JsonNode order = placeFor(customer, "5000.00", "INR");
        UUID requestId = UUID.fromString(order.path("approvalId").asString());

        makeDue(requestId);
        timeouts.handleDue();

        JsonNode expired = approval(customer, requestId);
        assertThat(expired.path("status").asString()).isEqualTo("expired");
        assertThat(expired.path("stages").get(0).path("status").asString()).isEqualTo("expired");
        JsonNode entry = expired.path("audit").get(expired.path("audit").size() - 1);
        assertThat(entry.path("action").asString()).isEqualTo("expired");
        assertThat(entry.path("fromStatus").asString()).isEqualTo("pending");
        assertThat(entry.path("toStatus").asString()).isEqualTo("expired");
        JsonNode rejected = order(customer, UUID.fromString(order.path("id").asString()));
        assertThat(rejected.path("status").asString()).isEqualTo("rejected");
        assertThat(rejected.path("timeline").get(2).path("note").asString()).contains("expired");
        assertThat(rejected.path("timeline").get(2).path("actor").path("type").asString())
                .as("a timer expired it")
                .isEqualTo("system");
        assertThat(entry.path("actor").path("type").asString()).isEqualTo("system");
        assertProblem(decide(a, requestId, "approve", null), 409, "invalid_state");
    }

    @Test
    void aStageThatOnlyTheRequesterCouldDecideGoesToTheAdminsAtOnce() {
        Session customer = register();
        createPolicy("BRL", "0", List.of(stage("Self", "any", List.of(customer.id()))));
        UUID requestId = awaitingApproval(customer, "100.00", "BRL");

        JsonNode request = approval(customer, requestId);
        assertThat(request.path("stages").get(0).path("escalated").asBoolean()).isTrue();
        assertThat(actions(request)).containsExactly("opened", "stage_started", "escalated");
        assertThat(decide(adminSession(), requestId, "approve", null)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("approved");
    }

    @Test
    void aStageWhoseApproversLostTheirRoleIsHandedToTheAdminsWithoutATimeout() {
        Session approver = registerWithRoles("customer", "approver");
        createPolicy("ARS", "0", List.of(roleStage("Approvers", "approver")));
        Session customer = register();
        UUID requestId = awaitingApproval(customer, "100.00", "ARS");
        // The stage asked every approver of the shared test database; let it ask only this one.
        jdbc.sql("UPDATE approval_stages SET approvers = ARRAY[CAST(:approver AS UUID)] WHERE request_id = :id")
                .param("approver", approver.id())
                .param("id", requestId)
                .update();
        assertThat(approval(customer, requestId)
                        .path("stages")
                        .get(0)
                        .path("dueAt")
                        .isNull())
                .as("no timeout")
                .isTrue();
        timeouts.handleDue();
        assertThat(approval(customer, requestId)
                        .path("stages")
                        .get(0)
                        .path("escalated")
                        .asBoolean())
                .as("its approver still holds the role")
                .isFalse();

        assertThat(api.put("/api/admin/users/" + approver.id() + "/roles")
                        .token(adminSession().accessToken())
                        .json(java.util.Map.of("roles", List.of("customer")))
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(timeouts.handleDue()).isGreaterThanOrEqualTo(1);

        JsonNode handedOver = approval(customer, requestId);
        JsonNode stage = handedOver.path("stages").get(0);
        assertThat(handedOver.path("status").asString()).isEqualTo("pending");
        assertThat(stage.path("escalated").asBoolean()).isTrue();
        assertThat(stage.path("approvers").toString())
                .contains(adminSession().id().toString());
        assertThat(actions(handedOver)).containsExactly("opened", "stage_started", "escalated");
        assertThat(inbox(adminSession())).contains(requestId.toString());
        assertThat(decide(adminSession(), requestId, "approve", null)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("approved");
    }

    private static <T> List<T> concurrently(int n, java.util.concurrent.Callable<T> call) throws Exception {
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<T>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new java.util.ArrayList<>();
            for (var future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    private void makeDue(UUID requestId) {
        jdbc.sql("""
                        UPDATE approval_stages SET due_at = now() - interval '1 minute'
                        WHERE request_id = :id AND status = 'pending'
                        """).param("id", requestId).update();
    }
}
