package dev.miyabi.platform.payments.internal;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.orders.Orders;
import dev.miyabi.platform.orders.TimelineNote;
import dev.miyabi.platform.shared.Actor;
import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.CommerceFixtures;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Refunds by admins and the automatic refunds of orders that fail or are cancelled after payment. */
class RefundsIntegrationTests extends CommerceFixtures {

    @Autowired
    Orders orders;

    @Autowired
    PaymentCheckout checkout;

    @Test
    void anAdminRefundsInPartsButNeverMoreThanWasCaptured() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "100.00");
        String paymentId = pay(customer, orderId, "pm_card_visa").text("id");

        Api.Response first = refund(adminSession(), paymentId, Map.of("amount", "30.00", "reason", "Goodwill"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("status").asString()).isEqualTo("succeeded");
        assertThat(first.json().path("amount").path("amount").asString()).isEqualTo("30.00");
        assertThat(first.json().path("requestedBy").asString())
                .isEqualTo(adminSession().id().toString());
        assertThat(first.json().path("providerRef").asString()).startsWith("re_sb_");
        JsonNode payment = payment(customer, paymentId);
        assertThat(payment.path("status").asString()).isEqualTo("partially_refunded");
        assertThat(payment.path("refundedAmount").path("amount").asString()).isEqualTo("30.00");

        JsonNode tooMuch = assertProblem(
                refund(adminSession(), paymentId, Map.of("amount", "70.01")), 422, "refund_exceeds_captured");
        assertThat(tooMuch.path("refundableAmount").path("amount").asString()).isEqualTo("70.00");
        assertThat(tooMuch.path("capturedAmount").path("amount").asString()).isEqualTo("100.00");

        Api.Response rest = refund(adminSession(), paymentId, Map.of("reason", "Order withdrawn"));
        assertThat(rest.status()).as(rest.toString()).isEqualTo(201);
        assertThat(rest.json().path("amount").path("amount").asString()).isEqualTo("70.00");
        payment = payment(customer, paymentId);
        assertThat(payment.path("status").asString()).isEqualTo("refunded");
        assertThat(payment.path("refundedAmount").path("amount").asString()).isEqualTo("100.00");
        assertProblem(refund(adminSession(), paymentId, Map.of("amount", "0.01")), 422, "refund_exceeds_captured");
        assertProblem(refund(adminSession(), paymentId, Map.of()), 422, "refund_exceeds_captured");

        JsonNode list = api.get("/api/payments/" + paymentId + "/refunds")
                .token(customer.accessToken())
                .send()
                .json();
        assertThat(list.path("items").findValuesAsString("status")).containsExactly("succeeded", "succeeded");
        assertThat(list.path("total").asLong()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT refunded_amount FROM sandbox_charges WHERE id = :id")
                        .param("id", payment.path("providerRef").asString())
                        .query(BigDecimal.class)
                        .single())
                .as("refunded at the gateway")
                .isEqualByComparingTo("100.00");
    }

    @Test
    void refundRequestsAreCheckedAndOnlyAdminsMakeThem() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "50.00");
        String paymentId = pay(customer, orderId, "pm_card_visa").text("id");
        UUID declinedOrder = orderAwaitingPayment(customer, "50.00");
        String declined = assertProblem(pay(customer, declinedOrder, "pm_card_chargeDeclined"), 402, "payment_declined")
                .path("paymentId")
                .asString();

        assertProblem(refund(customer, paymentId, Map.of("amount", "1.00")), 403, "forbidden");
        assertProblem(
                api.post("/api/payments/" + paymentId + "/refunds")
                        .token(adminSession().accessToken())
                        .json(Map.of("amount", "1.00"))
                        .send(),
                400,
                "idempotency_key_missing");
        for (String bad : List.of("1.234", "-1", "0", "ten", "100000000.00")) {
            assertProblem(refund(adminSession(), paymentId, Map.of("amount", bad)), 400, "validation_failed");
        }
        assertProblem(
                refund(adminSession(), paymentId, Map.of("amount", "1.00", "reason", "x".repeat(501))),
                400,
                "validation_failed");
        assertProblem(refund(adminSession(), UUID.randomUUID().toString(), Map.of()), 404, "not_found");
        JsonNode notCaptured = assertProblem(refund(adminSession(), declined, Map.of()), 409, "invalid_state");
        assertThat(notCaptured.path("currentStatus").asString()).isEqualTo("failed");
        assertThat(payment(customer, paymentId).path("status").asString()).isEqualTo("succeeded");

        String key = UUID.randomUUID().toString();
        Api.Response once = api.post("/api/payments/" + paymentId + "/refunds")
                .token(adminSession().accessToken())
                .header("Idempotency-Key", key)
                .json(Map.of("amount", "5.00"))
                .send();
        Api.Response again = api.post("/api/payments/" + paymentId + "/refunds")
                .token(adminSession().accessToken())
                .header("Idempotency-Key", key)
                .json(Map.of("amount", "5.00"))
                .send();
        assertThat(again.body()).isEqualTo(once.body());
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(payment(customer, paymentId)
                        .path("refundedAmount")
                        .path("amount")
                        .asString())
                .isEqualTo("5.00");
    }

    @Test
    void concurrentRefundsNeverExceedWhatWasCaptured() throws Exception {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "100.00");
        String paymentId = pay(customer, orderId, "pm_card_visa").text("id");
        Session admin = adminSession();

        List<Api.Response> responses =
                PaymentsIntegrationTests.concurrently(10, () -> refund(admin, paymentId, Map.of("amount", "30.00")));

        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(3);
        responses.stream()
                .filter(r -> r.status() != 201)
                .forEach(r -> assertProblem(r, 422, "refund_exceeds_captured"));
        assertThat(payment(customer, paymentId)
                        .path("refundedAmount")
                        .path("amount")
                        .asString())
                .isEqualTo("90.00");
    }

    @Test
    void anOrderThatFailsForGoodIsRefundedInFullOnce() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "64.00");
        String paymentId = pay(customer, orderId, "pm_card_visa").text("id");
        assertThat(refund(adminSession(), paymentId, Map.of("amount", "4.00")).status())
                .isEqualTo(201);
        // The support order is taken on by its fulfilment (a staff task) by itself.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> order(customer, orderId).path("status").asString(), "fulfilling"::equals);

        orders.fail(
                orderId,
                Actor.agent("201", "CourseGeneratorAgent"),
                TimelineNote.of(TimelineNote.Kind.AI_JOB_FAILED, "The course job failed for good"));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                payment(customer, paymentId).path("status").asString())
                        .isEqualTo("refunded"));
        JsonNode refunds = refunds(customer, paymentId);
        assertThat(refunds).hasSize(2);
        JsonNode automatic = refunds.get(1);
        assertThat(automatic.path("automatic").asBoolean()).isTrue();
        assertThat(automatic.path("amount").path("amount").asString()).isEqualTo("60.00");
        assertThat(automatic.path("reason").asString()).contains("The course job failed for good");
        assertThat(automatic.path("requestedBy").isNull()).isTrue();
        await("the listener's publication is marked complete, so a restart does not deliver it again")
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(jdbc.sql("""
                                SELECT completion_date IS NOT NULL FROM event_publication
                                WHERE listener_id LIKE '%OrderRefunds%' AND serialized_event LIKE :order
                                  AND serialized_event LIKE '%"to":"failed"%'
                                """)
                                .param("order", "%" + orderId + "%")
                                .query(Boolean.class)
                                .list())
                        .containsExactly(true));

        // The event delivered again (a restart before it was marked complete) refunds nothing more.
        assertThat(checkout.refundOrder(orderId, "order_failed", "again")
                        .orElseThrow()
                        .id()
                        .toString())
                .isEqualTo(automatic.path("id").asString());
        assertThat(refunds(customer, paymentId)).hasSize(2);
        assertThat(payment(customer, paymentId)
                        .path("refundedAmount")
                        .path("amount")
                        .asString())
                .isEqualTo("64.00");
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM agent_tasks WHERE resource_type = 'payment' AND resource_id = :id
                          AND agent_type = 'payment_processor' AND title LIKE 'Refund%' AND status = 'completed'
                        """).param("id", paymentId).query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void anOrderCancelledByAnAdminAfterPaymentIsRefunded() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "18.00");
        String paymentId = pay(customer, orderId, "pm_card_visa").text("id");

        assertThat(api.post("/api/orders/" + orderId + "/cancel")
                        .token(adminSession().accessToken())
                        .json(Map.of("reason", "Customer asked by phone"))
                        .send()
                        .status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                payment(customer, paymentId).path("status").asString())
                        .isEqualTo("refunded"));
        assertThat(refunds(customer, paymentId).get(0).path("reason").asString())
                .contains("cancelled after payment", "Customer asked by phone");
    }

    private Api.Response refund(Session session, String paymentId, Map<String, String> body) {
        return api.post("/api/payments/" + paymentId + "/refunds")
                .token(session.accessToken())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json(body)
                .send();
    }

    private JsonNode payment(Session reader, String paymentId) {
        Api.Response response = api.get("/api/payments/" + paymentId)
                .token(reader.accessToken())
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private JsonNode refunds(Session reader, String paymentId) {
        return api.get("/api/payments/" + paymentId + "/refunds")
                .token(reader.accessToken())
                .send()
                .json()
                .path("items");
    }
}
