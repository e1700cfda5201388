package dev.miyabi.platform.payments.internal;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.CommerceFixtures;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A retry with the same Idempotency-Key after the first request committed its effects but died before
 * its answer was kept (an instance killed mid-request): the key answers with the outcome — the 201 or
 * 402 the first request would have given, 202 while the payment is still processing and the first
 * request no longer holds the key — instead of 409 {@code idempotency_key_in_use} until it expires.
 * The loss is arranged by taking the kept answer off the key, which leaves the key exactly as a kill
 * after the effects' commit does; the resource on the key was recorded by the real request.
 */
class RetryAfterLostAnswerIntegrationTests extends CommerceFixtures {

    @Autowired
    SandboxPaymentGateway sandbox;

    @Autowired
    PaymentReconciliation reconciliation;

    @Test
    void aCapturedPaymentIsAnsweredWithItsCreatedResponse() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "25.00");
        String key = UUID.randomUUID().toString();
        Api.Response first = pay(customer, orderId, "pm_card_visa", key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        UUID paymentId = UUID.fromString(first.text("id"));
        assertThat(keyResource(key)).isEqualTo(Map.of("resource_type", "payment", "resource_id", paymentId));

        loseAnswer(key, true);
        Api.Response retry = pay(customer, orderId, "pm_card_visa", key);

        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).contains("true");
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(sandbox.find(ChargeRequest.keyFor(paymentId)).orElseThrow().calls())
                .isEqualTo(1);
        assertThat(paymentsOf(orderId)).isEqualTo(1);
    }

    @Test
    void aDeclinedPaymentIsAnsweredWithItsDecline() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "26.00");
        String key = UUID.randomUUID().toString();
        JsonNode declined =
                assertProblem(pay(customer, orderId, "pm_card_chargeDeclined", key), 402, "payment_declined");

        loseAnswer(key, false);
        Api.Response retry = pay(customer, orderId, "pm_card_chargeDeclined", key);

        JsonNode replayed = assertProblem(retry, 402, "payment_declined");
        assertThat(retry.header("Idempotent-Replayed")).contains("true");
        assertThat(replayed.path("paymentId").asString())
                .isEqualTo(declined.path("paymentId").asString());
        assertThat(replayed.path("declineCode").asString()).isEqualTo("card_declined");
        assertThat(paymentsOf(orderId)).isEqualTo(1);
        assertThat(pay(customer, orderId, "pm_card_visa").status())
                .as("the order stays payable with a new key")
                .isEqualTo(201);
    }

    @Test
    void aPaymentStillProcessingIsInUseWhileHeldThen202UntilItSettles() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "27.00");
        String key = UUID.randomUUID().toString();
        Api.Response first = pay(customer, orderId, SandboxPaymentGateway.TIMEOUT, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        UUID paymentId = UUID.fromString(first.text("id"));

        // Died while the key's lock still runs: it may as well be running, so the retry waits.
        loseAnswer(key, true);
        assertProblem(pay(customer, orderId, SandboxPaymentGateway.TIMEOUT, key), 409, "idempotency_key_in_use");

        // The lock ran out: the outcome is still unknown, so the answer is the payment as it stands.
        jdbc.sql("UPDATE idempotency_keys SET locked_until = now() - interval '1 second' WHERE idempotency_key = :key")
                .param("key", key)
                .update();
        Api.Response processing = pay(customer, orderId, SandboxPaymentGateway.TIMEOUT, key);
        assertThat(processing.status()).as(processing.toString()).isEqualTo(202);
        assertThat(processing.header("Idempotent-Replayed")).contains("true");
        assertThat(processing.header("Location")).contains("/api/payments/" + paymentId);
        assertThat(processing.text("id")).isEqualTo(paymentId.toString());
        assertThat(processing.text("status")).isEqualTo("processing");

        jdbc.sql("UPDATE payments SET next_check_at = now() WHERE id = :id")
                .param("id", paymentId)
                .update();
        reconciliation.reconcileDue();
        Api.Response settled = pay(customer, orderId, SandboxPaymentGateway.TIMEOUT, key);

        assertThat(settled.status()).as(settled.toString()).isEqualTo(201);
        assertThat(settled.header("Idempotent-Replayed")).contains("true");
        assertThat(settled.text("id")).isEqualTo(paymentId.toString());
        assertThat(settled.text("status")).isEqualTo("succeeded");
        assertThat(sandbox.find(ChargeRequest.keyFor(paymentId)).orElseThrow().status())
                .isEqualTo("succeeded");
        assertThat(paymentsOf(orderId)).isEqualTo(1);
        awaitPaid(customer, orderId);
    }

    @Test
    void aRefundIsAnsweredFromTheRefund() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "28.00");
        String paymentId = pay(customer, orderId, "pm_card_visa").text("id");
        String key = UUID.randomUUID().toString();
        Api.Response first = refund(paymentId, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);

        loseAnswer(key, true);
        Api.Response retry = refund(paymentId, key);

        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).contains("true");
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(jdbc.sql("SELECT count(*) FROM refunds WHERE payment_id = :id")
                        .param("id", UUID.fromString(paymentId))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aPlacedOrderIsAnsweredWithTheOrder() {
        Session customer = register();
        String product = createProduct("29.00", "USD", "technical_support");
        String key = UUID.randomUUID().toString();
        Api.Response first = api.post("/api/orders")
                .token(customer.accessToken())
                .header("Idempotency-Key", key)
                .json(Map.of("productId", product))
                .send();
        assertThat(first.status()).as(first.toString()).isEqualTo(201);

        loseAnswer(key, true);
        Api.Response retry = api.post("/api/orders")
                .token(customer.accessToken())
                .header("Idempotency-Key", key)
                .json(Map.of("productId", product))
                .send();

        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).contains("true");
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE user_id = :id")
                        .param("id", customer.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    /**
     * What an instance killed after the request's effects committed leaves behind: the key in progress,
     * its effects committed, no answer kept — its lock still running or already run out.
     */
    private void loseAnswer(String key, boolean lockHeld) {
        int updated = jdbc.sql("""
                        UPDATE idempotency_keys
                        SET status = 'in_progress', response_status = NULL, response_headers = NULL,
                            response_body = NULL, completed_at = NULL,
                            locked_until = now() + CASE WHEN :held THEN interval '2 minutes' ELSE interval '-1 second' END
                        WHERE idempotency_key = :key AND effects_committed
                        """).param("key", key).param("held", lockHeld).update();
        assertThat(updated).as("the first request committed its effects").isEqualTo(1);
    }

    private Map<String, Object> keyResource(String key) {
        return jdbc.sql("SELECT resource_type, resource_id FROM idempotency_keys WHERE idempotency_key = :key")
                .param("key", key)
                .query()
                .singleRow();
    }

    private long paymentsOf(UUID orderId) {
        return jdbc.sql("SELECT count(*) FROM payments WHERE order_id = :id")
                .param("id", orderId)
                .query(Long.class)
                .single();
    }

    private Api.Response refund(String paymentId, String key) {
        return api.post("/api/payments/" + paymentId + "/refunds")
                .token(adminSession().accessToken())
                .header("Idempotency-Key", key)
                .json(Map.of("reason", "Retried after a crash"))
                .send();
    }
}
