package dev.miyabi.platform.realtime;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.CommerceFixtures;
import dev.miyabi.platform.support.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Payments, approvals and revised orders reach WebSocket clients (API.md "WebSocket — /ws", 3): real
 * payments through the sandbox gateway, real approval requests of the default policy decided over REST,
 * each to whom may see it, with the resource as the REST API renders it.
 */
class RealtimeCommerceEventsIntegrationTests extends CommerceFixtures {

    /** Orders of this currency match only the default policy (no other test makes a policy for it). */
    private static final String CURRENCY = "GBP";

    private static final List<String> EVENT_FIELDS = List.of("eventId", "resourceType", "resourceId", "previousStatus");

    @Test
    void aCustomerWatchingPaymentsSeesTheirDeclineThenTheirSuccessAndNothingOfAnotherCustomers() {
        Session alice = register();
        Session bob = register();
        UUID alicesOrder = orderAwaitingPayment(alice, "40.00");
        UUID bobsOrder = orderAwaitingPayment(bob, "25.00");
        try (WsClient aliceWs = WsClient.authenticated(port, alice.accessToken())) {
            aliceWs.subscribe(List.of("payments"), null);

            Api.Response bobPaid = pay(bob, bobsOrder, "pm_card_visa");
            assertThat(bobPaid.status()).as(bobPaid.toString()).isEqualTo(201);
            Api.Response declined = pay(alice, alicesOrder, "pm_card_chargeDeclined");
            assertProblem(declined, 402, "payment_declined");
            String failedId = declined.json().path("paymentId").asString();
            Api.Response paid = pay(alice, alicesOrder, "pm_card_visa");
            assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
            String paidId = paid.text("id");

            List<JsonNode> events = until(aliceWs, "payment.succeeded", paidId);
            events.addAll(aliceWs.drain(Duration.ofMillis(300)));

            assertThat(events)
                    .extracting(e -> e.path("type").asString() + " "
                            + e.path("payload").path("resourceId").asString())
                    .containsExactly(
                            "payment.processing " + failedId,
                            "payment.failed " + failedId,
                            "payment.processing " + paidId,
                            "payment.succeeded " + paidId);
            JsonNode failed = events.get(1).path("payload");
            assertThat(failed.path("resourceType").asString()).isEqualTo("payment");
            assertThat(failed.path("status").asString()).isEqualTo("failed");
            assertThat(failed.path("previousStatus").asString()).isEqualTo("processing");
            assertThat(failed.path("failureCode").asString()).isEqualTo("card_declined");
            assertThat(failed.path("orderId").asString()).isEqualTo(alicesOrder.toString());
            assertThat(events.getFirst().path("payload").path("previousStatus").isNull())
                    .isTrue();
            JsonNode succeeded = events.getLast().path("payload");
            assertThat(succeeded.path("previousStatus").asString()).isEqualTo("processing");
            // The payloads are the payments exactly as the REST API renders them.
            assertThat(withoutEventFields(failed)).isEqualTo(payment(alice, failedId));
            assertThat(withoutEventFields(succeeded)).isEqualTo(payment(alice, paidId));
            assertThat(withoutEventFields(succeeded)).isEqualTo(paid.json());
        }
    }

    @Test
    void aPaymentsTopicShowsRefundsToTheOwnerAndIsRefusedToOthers() {
        Session alice = register();
        Session bob = register();
        UUID order = orderAwaitingPayment(alice, "60.00");
        Api.Response paid = pay(alice, order, "pm_card_visa");
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        String paymentId = paid.text("id");
        try (WsClient aliceWs = WsClient.authenticated(port, alice.accessToken());
                WsClient bobWs = WsClient.authenticated(port, bob.accessToken())) {
            aliceWs.subscribe(List.of("payment:" + paymentId), logEnd());
            bobWs.send("subscribe", Map.of("topics", List.of("payment:" + paymentId)));
            assertThat(bobWs.nextOfType("error").path("payload").path("code").asString())
                    .isEqualTo("not_found");
            assertThat(bobWs.nextOfType("subscribed").path("payload").path("topics"))
                    .isEmpty();

            Api.Response refunded = api.post("/api/payments/" + paymentId + "/refunds")
                    .token(adminSession().accessToken())
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .json(Map.of("amount", "10.00", "reason", "Goodwill"))
                    .send();
            assertThat(refunded.status()).as(refunded.toString()).isEqualTo(201);

            JsonNode requested = aliceWs.nextEvent();
            JsonNode done = aliceWs.nextEvent();
            assertThat(requested.path("type").asString()).isEqualTo("payment.refund_requested");
            assertThat(requested.path("payload").path("status").asString()).isEqualTo("succeeded");
            assertThat(requested.path("payload").path("previousStatus").asString())
                    .isEqualTo("succeeded");
            assertThat(requested.path("payload").path("refund").path("status").asString())
                    .isEqualTo("pending");
            assertThat(done.path("type").asString()).isEqualTo("payment.refunded");
            JsonNode payload = done.path("payload");
            assertThat(payload.path("status").asString()).isEqualTo("partially_refunded");
            assertThat(payload.path("previousStatus").asString()).isEqualTo("succeeded");
            assertThat(payload.path("refundedAmount").path("amount").asString()).isEqualTo("10.00");
            assertThat(payload.path("refund").path("id").asString()).isEqualTo(refunded.text("id"));
            assertThat(payload.path("refund").path("status").asString()).isEqualTo("succeeded");
            ObjectNode payment = withoutEventFields(payload);
            payment.remove("refund");
            assertThat(payment).isEqualTo(payment(alice, paymentId));
            assertThat(bobWs.drain(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void anApproverOfTheRoleIsAskedAndTheRequesterLearnsTheDecision() {
        Session approver = registerWithRoles("approver");
        Session requester = register();
        Session outsider = register();
        try (WsClient approverWs = WsClient.authenticated(port, approver.accessToken());
                WsClient requesterWs = WsClient.authenticated(port, requester.accessToken());
                WsClient outsiderWs = WsClient.authenticated(port, outsider.accessToken())) {
            approverWs.subscribe(List.of("approvals"), null);
            requesterWs.subscribe(List.of("approvals"), null);
            outsiderWs.subscribe(List.of("approvals"), null);

            JsonNode order = placeOrderAwaitingApproval(requester, "1500.00", null);
            String requestId = order.path("approvalId").asString();

            JsonNode asked = approverWs.nextEvent();
            assertThat(asked.path("type").asString()).isEqualTo("approval.requested");
            JsonNode request = asked.path("payload");
            assertThat(request.path("resourceType").asString()).isEqualTo("approval");
            assertThat(request.path("resourceId").asString()).isEqualTo(requestId);
            assertThat(request.path("status").asString()).isEqualTo("pending");
            assertThat(request.path("previousStatus").isNull()).isTrue();
            JsonNode stage = request.path("stages").get(0);
            assertThat(stage.path("approverRole").asString()).isEqualTo("approver");
            assertThat(stage.path("approvers").toString())
                    .contains(approver.id().toString());
            assertThat(request.path("subject").path("resourceType").asString()).isEqualTo("order");
            assertThat(request.path("subject").path("resourceId").asString())
                    .isEqualTo(order.path("id").asString());
            assertThat(requesterWs.nextEvent().path("type").asString()).isEqualTo("approval.requested");
            assertThat(approvalFields(request)).isEqualTo(approval(requester, requestId));

            // One request can be watched by the people it concerns, and no one else.
            approverWs.subscribe(List.of("approval:" + requestId), logEnd());
            outsiderWs.send("subscribe", Map.of("topics", List.of("approval:" + requestId)));
            assertThat(outsiderWs
                            .nextOfType("error")
                            .path("payload")
                            .path("code")
                            .asString())
                    .isEqualTo("not_found");
            assertThat(outsiderWs.nextOfType("subscribed").path("payload").path("topics"))
                    .isEmpty();

            Api.Response decided = decide(approver, requestId, "approve", "Within budget");
            assertThat(decided.status()).as(decided.toString()).isEqualTo(200);

            JsonNode decision = requesterWs.nextEvent();
            assertThat(decision.path("type").asString()).isEqualTo("approval.decided");
            JsonNode payload = decision.path("payload");
            assertThat(payload.path("status").asString()).isEqualTo("approved");
            assertThat(payload.path("previousStatus").asString()).isEqualTo("pending");
            assertThat(payload.path("decision").path("decision").asString()).isEqualTo("approve");
            assertThat(payload.path("decision").path("approverId").asString())
                    .isEqualTo(approver.id().toString());
            assertThat(payload.path("decision").path("comment").asString()).isEqualTo("Within budget");
            ObjectNode rendered = approvalFields(payload);
            rendered.remove("decision");
            assertThat(rendered).isEqualTo(approval(requester, requestId));
            // Once, although both of the approver's topics match it.
            assertThat(approverWs.nextEvent().path("type").asString()).isEqualTo("approval.decided");
            assertThat(approverWs.drain(Duration.ofMillis(300))).isEmpty();
            assertThat(requesterWs.drain(Duration.ofMillis(300))).isEmpty();
            assertThat(outsiderWs.drain(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void revisingTheInputAfterRequestedChangesUpdatesTheOrderAndAsksTheApproversAgain() {
        Session approver = registerWithRoles("approver");
        Session requester = register();
        JsonNode order = placeOrderAwaitingApproval(requester, "2500.00", "Two days on site");
        String orderId = order.path("id").asString();
        String requestId = order.path("approvalId").asString();
        Api.Response changes = decide(approver, requestId, "request_changes", "Say which systems are affected");
        assertThat(changes.status()).as(changes.toString()).isEqualTo(200);
        try (WsClient requesterWs = WsClient.authenticated(port, requester.accessToken());
                WsClient approverWs = WsClient.authenticated(port, approver.accessToken())) {
            requesterWs.subscribe(List.of("orders", "approvals"), logEnd());
            approverWs.subscribe(List.of("approvals"), logEnd());

            Api.Response revised = api.patch("/api/orders/" + orderId)
                    .token(requester.accessToken())
                    .json(Map.of("input", "Billing and CRM are affected"))
                    .send();
            assertThat(revised.status()).as(revised.toString()).isEqualTo(200);

            List<JsonNode> events = until(requesterWs, "order.updated", orderId);
            assertThat(events)
                    .extracting(e -> e.path("type").asString())
                    .containsExactly("approval.requested", "order.updated");
            JsonNode reopened = events.getFirst().path("payload");
            assertThat(reopened.path("previousStatus").asString()).isEqualTo("changes_requested");
            assertThat(reopened.path("status").asString()).isEqualTo("pending");
            assertThat(reopened.path("round").asInt()).isEqualTo(2);
            JsonNode updated = events.getLast().path("payload");
            assertThat(updated.path("status").asString()).isEqualTo("awaiting_approval");
            assertThat(updated.path("previousStatus").asString()).isEqualTo("awaiting_approval");
            assertThat(updated.path("input").asString()).isEqualTo("Billing and CRM are affected");
            assertThat(withoutEventFields(updated)).isEqualTo(revised.json());

            JsonNode asked = approverWs.nextEvent();
            assertThat(asked.path("type").asString()).isEqualTo("approval.requested");
            assertThat(asked.path("payload").path("resourceId").asString()).isEqualTo(requestId);
            assertThat(requesterWs.drain(Duration.ofMillis(300))).isEmpty();
        }
    }

    /** A consulting order in {@link #CURRENCY} at {@code price}: the default policy asks the approvers. */
    private JsonNode placeOrderAwaitingApproval(Session customer, String price, @Nullable String notes) {
        Api.Response placed = placeOrder(customer, createProduct(price, CURRENCY, "business_consulting"), 1, notes);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.text("status")).isEqualTo("awaiting_approval");
        return placed.json();
    }

    private Api.Response decide(Session approver, String requestId, String decision, String comment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        body.put("comment", comment);
        return api.post("/api/approvals/" + requestId + "/decisions")
                .token(approver.accessToken())
                .json(body)
                .send();
    }

    private JsonNode approval(Session reader, String requestId) {
        Api.Response response = api.get("/api/approvals/" + requestId)
                .token(reader.accessToken())
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private JsonNode payment(Session reader, String paymentId) {
        Api.Response response = api.get("/api/payments/" + paymentId)
                .token(reader.accessToken())
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Events up to and including the first of {@code type} about {@code resourceId}. */
    private static List<JsonNode> until(WsClient ws, String type, String resourceId) {
        List<JsonNode> events = new ArrayList<>();
        while (true) {
            JsonNode event = ws.nextEvent();
            events.add(event);
            if (event.path("type").asString().equals(type)
                    && event.path("payload").path("resourceId").asString().equals(resourceId)) {
                return events;
            }
        }
    }

    /** The approval request as the REST API renders it: the event's fields off, its subject back in place. */
    private static ObjectNode approvalFields(JsonNode payload) {
        ObjectNode fields = withoutEventFields(payload);
        JsonNode subject = fields.remove("subject");
        fields.set("resourceType", subject.path("resourceType"));
        fields.set("resourceId", subject.path("resourceId"));
        return fields;
    }

    private static ObjectNode withoutEventFields(JsonNode payload) {
        ObjectNode fields = (ObjectNode) payload.deepCopy();
        fields.remove(EVENT_FIELDS);
        return fields;
    }

    /** The last logged id: subscribing with it as {@code lastEventId} excludes everything before. */
    private long logEnd() {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM event_log")
                .query(Long.class)
                .single();
    }
}
