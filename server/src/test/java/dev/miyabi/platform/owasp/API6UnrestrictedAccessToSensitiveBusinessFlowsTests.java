package dev.miyabi.platform.owasp;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.support.Api;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * API6:2023 Unrestricted Access to Sensitive Business Flows: orders, payments and approvals cannot be taken out of
 * the order the business gives them.
 *
 * <ul>
 *   <li>four eyes: one person holding both the approver and the admin role cannot decide both stages of a request
 *       over 10 000 — the admin stage needs someone else;
 *   <li>an order still awaiting approval cannot be paid (409 {@code invalid_state}, nothing charged, no payment
 *       recorded); an order that is not paid cannot be completed; an order's input cannot be revised unless an
 *       approver asked for changes; a completed order cannot be cancelled (and so not refunded by the customer).
 * </ul>
 *
 * Covered elsewhere: payment retries and idempotency — {@code
 * payments.internal.PaymentsIntegrationTests#fiftyConcurrentRequestsWithOneKeyChargeOnce}, {@code
 * #concurrentPaymentsWithDifferentKeysChargeTheOrderOnce}, {@code #theSameKeyWithAnotherBodyIsRefused}, {@code
 * #onlyTheOwnerPaysOnlyAnOrderAwaitingPayment}, {@code #aTimeoutLeavesThePaymentProcessingAndReconciliationSettlesItWithOneCharge},
 * {@code #aChargeThatCompletesAfterTheOrderWasCancelledIsRefunded}, {@code payments.internal.RetryAfterLostAnswerIntegrationTests},
 * {@code payments.internal.StripeWebhooksIntegrationTests#aSucceededPaymentIntentPaysTheOrderOnceHoweverOftenItArrives};
 * refunds never above what was captured — {@code payments.internal.RefundsIntegrationTests#concurrentRefundsNeverExceedWhatWasCaptured};
 * self-approval and one decision per stage — {@link
 * dev.miyabi.platform.approvals.ApprovalWorkflowIntegrationTests#theRequesterMayNeverDecideOnTheirOwnRequest()},
 * {@link dev.miyabi.platform.approvals.ApprovalWorkflowIntegrationTests#oneDecisionPerApproverAndStageEvenWhenSentTwiceAtOnce()},
 * {@link dev.miyabi.platform.approvals.ApprovalWorkflowIntegrationTests#from10000AnApproverThenAnAdminDecide()},
 * {@link dev.miyabi.platform.approvals.ApprovalWorkflowIntegrationTests#aDecisionRacingTheOrdersCancellationIsRefusedAndOrderAndRequestEndCancelled()},
 * {@link dev.miyabi.platform.approvals.ApprovalTimeoutsIntegrationTests#aStageThatOnlyTheRequesterCouldDecideGoesToTheAdminsAtOnce()};
 * price from the catalog and ordering unavailable products — {@link
 * dev.miyabi.platform.orders.OrdersIntegrationTests#anOrderIsPlacedAtTheCatalogPriceWhateverTheClientSends()},
 * {@link dev.miyabi.platform.orders.OrdersIntegrationTests#draftArchivedAndUnknownProductsCannotBeOrdered()};
 * cancelling after payment — {@link dev.miyabi.platform.orders.OrderTransitionsIntegrationTests#afterPaymentOnlyAnAdminCancels()};
 * budgets that cannot be overrun by concurrency — {@link
 * dev.miyabi.platform.generation.StudioBudgetIntegrationTests#concurrentSubmissionsAgainstABudgetThatFitsThreeAdmitExactlyThree()}.
 */
class API6UnrestrictedAccessToSensitiveBusinessFlowsTests extends OwaspFixtures {

    @Test
    void onePersonCannotDecideBothStagesOfAFourEyesApproval() {
        Session both = registerWithRoles("approver", "admin");
        Session customer = register();
        UUID order = placed(customer, "10000.00", "business_consulting");
        String request = approvalOf(customer, order);

        Api.Response first = decide(both, request);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("currentStage").asInt()).isEqualTo(1);

        assertProblem(decide(both, request), 403, "forbidden");
        assertThat(order(customer, order).path("status").asString()).isEqualTo("awaiting_approval");

        assertThat(decide(adminSession(), request).json().path("status").asString())
                .isEqualTo("approved");
        assertThat(order(customer, order).path("status").asString()).isEqualTo("awaiting_payment");
    }

    @Test
    void anOrderAwaitingApprovalCannotBePaid() {
        Session customer = register();
        UUID order = placed(customer, "1500.00", "business_consulting");
        assertThat(order(customer, order).path("status").asString()).isEqualTo("awaiting_approval");

        assertProblem(pay(customer, order, "pm_card_visa"), 409, "invalid_state");

        assertThat(order(customer, order).path("status").asString()).isEqualTo("awaiting_approval");
        assertThat(api.get("/api/orders/" + order + "/payments")
                        .token(customer.accessToken())
                        .send()
                        .json()
                        .path("items"))
                .isEmpty();
    }

    @Test
    void ordersCannotSkipOrReverseTheirStates() {
        Session customer = register();
        UUID unpaid = orderAwaitingPayment(customer, "20.00");
        assertProblem(
                api.post("/api/orders/" + unpaid + "/complete")
                        .token(adminSession().accessToken())
                        .json(Map.of("note", "Done"))
                        .send(),
                409,
                "invalid_state");
        assertProblem(
                api.patch("/api/orders/" + unpaid)
                        .token(customer.accessToken())
                        .json(Map.of("input", "Changed after the price was fixed"))
                        .send(),
                409,
                "invalid_state");

        assertThat(pay(customer, unpaid, "pm_card_visa").status()).isEqualTo(201);
        awaitPaid(customer, unpaid);
        assertThat(api.post("/api/orders/" + unpaid + "/complete")
                        .token(adminSession().accessToken())
                        .json(Map.of("note", "Done"))
                        .send()
                        .status())
                .isEqualTo(200);
        Api.Response cancelled = api.post("/api/orders/" + unpaid + "/cancel")
                .token(customer.accessToken())
                .json(Map.of("reason", "Give me my money back"))
                .send();
        assertThat(cancelled.status()).as(cancelled.toString()).isIn(403, 409);
        assertProblem(
                api.post("/api/orders/" + unpaid + "/cancel")
                        .token(adminSession().accessToken())
                        .json(Map.of("reason", "Too late"))
                        .send(),
                409,
                "invalid_state");
        JsonNode order = order(customer, unpaid);
        assertThat(order.path("status").asString()).isEqualTo("completed");
        JsonNode payment = api.get("/api/orders/" + unpaid + "/payments")
                .token(customer.accessToken())
                .send()
                .json()
                .path("items")
                .get(0);
        assertThat(payment.path("status").asString()).isEqualTo("succeeded");
    }

    private UUID placed(Session customer, String price, String category) {
        Api.Response placed = placeOrder(customer, createProduct(price, "USD", category), 1, null);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return UUID.fromString(placed.text("id"));
    }

    private String approvalOf(Session customer, UUID order) {
        return await().until(() -> order(customer, order).path("approvalId").asString(""), id -> !id.isEmpty());
    }

    private Api.Response decide(Session approver, String request) {
        return api.post("/api/approvals/" + request + "/decisions")
                .token(approver.accessToken())
                .json(Map.of("decision", "approve", "comment", "Fine"))
                .send();
    }
}
