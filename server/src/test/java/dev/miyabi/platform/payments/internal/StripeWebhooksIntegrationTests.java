package dev.miyabi.platform.payments.internal;

import static dev.miyabi.platform.payments.internal.StripeFixtures.JSON;
import static dev.miyabi.platform.payments.internal.StripeFixtures.event;
import static dev.miyabi.platform.payments.internal.StripeFixtures.paymentIntent;
import static dev.miyabi.platform.payments.internal.StripeFixtures.signature;
import static dev.miyabi.platform.payments.internal.StripeFixtures.stripeId;
import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.CommerceFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe's webhooks as Stripe sends them: signed events about payments that went to Stripe (arranged
 * in the database, since the shared test application uses the sandbox gateway).
 */
class StripeWebhooksIntegrationTests extends CommerceFixtures {

    @Test
    void aSucceededPaymentIntentPaysTheOrderOnceHoweverOftenItArrives() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "120.00");
        String intent = stripeId("pi");
        UUID paymentId = stripePayment(orderId, customer.id(), "120.00", null);
        String event = event("payment_intent.succeeded", paymentIntent(intent, paymentId, "succeeded", 12000));

        Api.Response first = deliver(event, Instant.now());
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("duplicate").asBoolean()).isFalse();
        Api.Response second = deliver(event, Instant.now());
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("duplicate").asBoolean()).isTrue();

        JsonNode payment = api.get("/api/payments/" + paymentId)
                .token(customer.accessToken())
                .send()
                .json();
        assertThat(payment.path("status").asString()).isEqualTo("succeeded");
        assertThat(payment.path("providerRef").asString()).isEqualTo(intent);
        assertThat(payment.path("paymentMethodType").asString()).isEqualTo("card");
        JsonNode order = awaitPaid(customer, orderId);
        assertThat(statuses(order).stream().filter("paid"::equals)).hasSize(1);
        assertThat(entry(order, "paid").path("note").asString()).contains("Stripe webhook");
        assertThat(entry(order, "paid").path("actor").path("type").asString())
                .as("Stripe's notification, not the customer's request, settled it")
                .isEqualTo("system");

        // Another event id with the same news changes nothing either.
        assertThat(deliver(
                                event("payment_intent.succeeded", paymentIntent(intent, paymentId, "succeeded", 12000)),
                                Instant.now())
                        .status())
                .isEqualTo(200);
        assertThat(statuses(order(customer, orderId)).stream().filter("paid"::equals))
                .hasSize(1);
    }

    @Test
    void aSucceededPaymentIntentForLessThanTheOrderPaysNothing() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "55.55");
        String intent = stripeId("pi");
        UUID paymentId = stripePayment(orderId, customer.id(), "55.55", null);

        ObjectNode cheaper = paymentIntent(intent, paymentId, "succeeded", 5554);
        ObjectNode otherCurrency =
                paymentIntent(intent, paymentId, "succeeded", 5555).put("currency", "jpy");
        for (ObjectNode wrong : List.of(cheaper, otherCurrency)) {
            Api.Response delivered = deliver(event("payment_intent.succeeded", wrong), Instant.now());
            assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
        }

        assertThat(paymentStatus(paymentId)).isEqualTo("processing");
        assertThat(order(customer, orderId).path("status").asString()).isEqualTo("awaiting_payment");
    }

    @Test
    void badSignaturesAndStaleTimestampsAreRefusedAndChangeNothing() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "75.00");
        UUID paymentId = stripePayment(orderId, customer.id(), "75.00", null);
        String intent = stripeId("pi");
        String event = event("payment_intent.succeeded", paymentIntent(intent, paymentId, "succeeded", 7500));
        long now = Instant.now().getEpochSecond();
        String valid = StripeSignature.sign(STRIPE_WEBHOOK_SECRET, now, bytes(event));

        assertProblem(send(event, null), 400, "invalid_signature");
        assertProblem(send(event, "t=" + now + ",v1=" + "0".repeat(64)), 400, "invalid_signature");
        assertProblem(
                send(event, "t=" + now + ",v1=" + StripeSignature.sign("whsec_other", now, bytes(event))),
                400,
                "invalid_signature");
        assertProblem(send(event.replace("7500", "7501"), "t=" + now + ",v1=" + valid), 400, "invalid_signature");
        assertProblem(send(event, "t=" + (now + 1) + ",v1=" + valid), 400, "invalid_signature");
        assertProblem(send(event, "v1=" + valid), 400, "invalid_signature");
        assertProblem(send(event, "t=" + now + ",v0=" + valid), 400, "invalid_signature");
        assertProblem(send(event, "garbage"), 400, "invalid_signature");
        long stale = now - 301;
        assertProblem(
                send(event, "t=" + stale + ",v1=" + StripeSignature.sign(STRIPE_WEBHOOK_SECRET, stale, bytes(event))),
                400,
                "invalid_signature");
        // From the time of sending: on a slow machine the server's clock has moved on since "now".
        long future = Instant.now().getEpochSecond() + 310;
        assertProblem(
                send(event, "t=" + future + ",v1=" + StripeSignature.sign(STRIPE_WEBHOOK_SECRET, future, bytes(event))),
                400,
                "invalid_signature");

        assertThat(jdbc.sql("SELECT status FROM payments WHERE id = :id")
                        .param("id", paymentId)
                        .query(String.class)
                        .single())
                .isEqualTo("processing");
        assertThat(order(customer, orderId).path("status").asString()).isEqualTo("awaiting_payment");
        assertThat(jdbc.sql("SELECT count(*) FROM payment_webhook_events WHERE event_id = :id")
                        .param("id", JSON.readTree(event).path("id").asString())
                        .query(Long.class)
                        .single())
                .as("a refused event is not recorded, so Stripe's retry with a good signature still applies")
                .isZero();

        // Several v1 signatures (Stripe sends one per secret while a secret is rolled): one valid is enough.
        Api.Response accepted = send(event, "t=" + now + ",v1=" + "ab".repeat(32) + ",v1=" + valid + ",v0=ignored");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        awaitPaid(customer, orderId);
    }

    @Test
    void aFailedPaymentIntentRecordsTheDeclineAndLeavesTheOrderPayable() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "30.00");
        String intent = stripeId("pi");
        UUID paymentId = stripePayment(orderId, customer.id(), "30.00", intent);
        ObjectNode object = paymentIntent(intent, paymentId, "requires_payment_method", 3000);
        object.putObject("last_payment_error")
                .put("type", "card_error")
                .put("code", "card_declined")
                .put("decline_code", "insufficient_funds")
                .put("message", "Your card has insufficient funds.");

        assertThat(deliver(event("payment_intent.payment_failed", object), Instant.now())
                        .status())
                .isEqualTo(200);

        JsonNode payment = api.get("/api/payments/" + paymentId)
                .token(customer.accessToken())
                .send()
                .json();
        assertThat(payment.path("status").asString()).isEqualTo("failed");
        assertThat(payment.path("failureCode").asString()).isEqualTo("insufficient_funds");
        assertThat(order(customer, orderId).path("status").asString()).isEqualTo("awaiting_payment");
    }

    @Test
    void aSuccessAfterTheDeclineIsRefundedOnceAndShownOnTheOrder() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "31.00");
        String intent = stripeId("pi");
        UUID paymentId = stripePayment(orderId, customer.id(), "31.00", null);
        ObjectNode declined = paymentIntent(intent, paymentId, "requires_payment_method", 3100);
        declined.putObject("last_payment_error").put("code", "card_declined");
        assertThat(deliver(event("payment_intent.payment_failed", declined), Instant.now())
                        .status())
                .isEqualTo(200);

        // Captured after all (confirmed again outside the platform): not applied backwards, refunded instead.
        for (int delivery = 0; delivery < 2; delivery++) {
            assertThat(deliver(
                                    event(
                                            "payment_intent.succeeded",
                                            paymentIntent(intent, paymentId, "succeeded", 3100)),
                                    Instant.now())
                            .status())
                    .isEqualTo(200);
        }

        JsonNode payment = api.get("/api/payments/" + paymentId)
                .token(customer.accessToken())
                .send()
                .json();
        assertThat(payment.path("status").asString()).isEqualTo("failed");
        assertThat(payment.path("providerRef").asString()).isEqualTo(intent);
        JsonNode refunds = api.get("/api/payments/" + paymentId + "/refunds")
                .token(adminSession().accessToken())
                .send()
                .json()
                .path("items");
        assertThat(refunds).as("one refund however often Stripe says so").hasSize(1);
        assertThat(refunds.get(0).path("automatic").asBoolean()).isTrue();
        assertThat(refunds.get(0).path("amount").path("amount").asString()).isEqualTo("31.00");
        assertThat(refunds.get(0).path("reason").asString()).contains("after it was recorded as failed");
        JsonNode order = order(customer, orderId);
        assertThat(order.path("status").asString()).isEqualTo("awaiting_payment");
        JsonNode note = order.path("timeline").get(order.path("timeline").size() - 1);
        assertThat(note.path("status").asString()).isEqualTo("awaiting_payment");
        assertThat(note.path("actor").path("type").asString()).isEqualTo("system");
        assertThat(note.path("note").asString())
                .contains(paymentId.toString(), "captured", "31.00 USD", "refunded automatically");
        assertThat(pay(customer, orderId, "pm_card_visa").status())
                .as("the customer pays again as before")
                .isEqualTo(201);
    }

    @Test
    void twoEqualRefundsAreConfirmedByStripesRefundIdNeverByAmount() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "100.00");
        String intent = stripeId("pi");
        UUID paymentId = capturedStripePayment(customer, orderId, "100.00", intent);
        UUID older = pendingRefund(paymentId, "50.00", "re_older_" + paymentId);
        UUID newer = pendingRefund(paymentId, "50.00", "re_newer_" + paymentId);

        // Stripe's charge as API versions before 2022-11-15 send it: with its refunds.
        ObjectNode charge = charge(intent, 10000, 5000);
        charge.putObject("refunds")
                .putArray("data")
                .add(stripeRefund("re_newer_" + paymentId, intent, 5000, "succeeded", newer));
        assertThat(deliver(event("charge.refunded", charge), Instant.now()).status())
                .isEqualTo(200);

        assertThat(refundStatus(newer)).isEqualTo("succeeded");
        assertThat(refundStatus(older))
                .as("the other refund of the same amount")
                .isEqualTo("pending");
        assertThat(refundCount(paymentId)).isEqualTo(2);
        assertThat(paymentStatus(paymentId)).isEqualTo("partially_refunded");
    }

    @Test
    void aTotalWithoutItsRefundsConfirmsNoneByAmountAndChecksThemWithStripe() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "100.00");
        String intent = stripeId("pi");
        UUID paymentId = capturedStripePayment(customer, orderId, "100.00", intent);
        UUID first = pendingRefund(paymentId, "30.00", null);
        UUID second = pendingRefund(paymentId, "30.00", null);

        // Current API versions: only the total refunded, 30 of which no refund of ours explains.
        assertThat(deliver(event("charge.refunded", charge(intent, 10000, 9000)), Instant.now())
                        .status())
                .isEqualTo(200);

        assertThat(refundStatus(first)).isEqualTo("pending");
        assertThat(refundStatus(second)).isEqualTo("pending");
        assertThat(jdbc.sql("SELECT count(*) FROM refunds WHERE payment_id = :id AND status = 'pending'"
                                + " AND next_check_at <= now()")
                        .param("id", paymentId)
                        .query(Long.class)
                        .single())
                .as("both are asked about at Stripe, by their ids, at the next reconciliation")
                .isEqualTo(2);
        List<Map<String, Object>> external = jdbc.sql(
                        "SELECT amount, status FROM refunds WHERE payment_id = :id AND reason = 'Refunded at stripe'")
                .param("id", paymentId)
                .query()
                .listOfRows();
        assertThat(external).hasSize(1);
        assertThat((java.math.BigDecimal) external.getFirst().get("amount")).isEqualByComparingTo("30.00");
    }

    @Test
    void aRefundThatFailsLaterIsMarkedFailedAndLeavesTheRefundedTotal() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "80.00");
        String intent = stripeId("pi");
        UUID paymentId = capturedStripePayment(customer, orderId, "80.00", intent);
        UUID refund = pendingRefund(paymentId, "80.00", null);
        UUID another = pendingRefund(paymentId, "80.00", null);
        jdbc.sql("UPDATE refunds SET status = 'failed', next_check_at = NULL WHERE id = :id")
                .param("id", another)
                .update();
        String refundRef = "re_" + UUID.randomUUID().toString().replace("-", "");

        // Stripe tells its id and that it succeeded (matched by our id in its metadata)…
        assertThat(deliver(
                                event(
                                        "charge.refund.updated",
                                        stripeRefund(refundRef, intent, 8000, "succeeded", refund)),
                                Instant.now())
                        .status())
                .isEqualTo(200);
        assertThat(refundStatus(refund)).isEqualTo("succeeded");
        assertThat(paymentStatus(paymentId)).isEqualTo("refunded");

        // …then that it failed after all (the card was closed): by Stripe's id alone.
        ObjectNode failed = stripeRefund(refundRef, intent, 8000, "failed", null);
        failed.put("failure_reason", "expired_or_canceled_card");
        assertThat(deliver(event("charge.refund.updated", failed), Instant.now())
                        .status())
                .isEqualTo(200);

        JsonNode refunds = api.get("/api/payments/" + paymentId + "/refunds")
                .token(adminSession().accessToken())
                .send()
                .json()
                .path("items");
        JsonNode failedRefund =
                refunds.get(0).path("id").asString().equals(refund.toString()) ? refunds.get(0) : refunds.get(1);
        assertThat(failedRefund.path("status").asString()).isEqualTo("failed");
        assertThat(failedRefund.path("providerRef").asString()).isEqualTo(refundRef);
        assertThat(failedRefund.path("failureCode").asString()).isEqualTo("expired_or_canceled_card");
        JsonNode payment = api.get("/api/payments/" + paymentId)
                .token(adminSession().accessToken())
                .send()
                .json();
        assertThat(payment.path("status").asString()).isEqualTo("succeeded");
        assertThat(payment.path("refundedAmount").path("amount").asString()).isEqualTo("0.00");
        assertThat(refundStatus(another))
                .as("a refund that had failed before stays as it was")
                .isEqualTo("failed");
    }

    @Test
    void aChargeRefundedEventConfirmsRefundsOnceAndRecordsRefundsMadeAtStripe() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "200.00");
        String intent = stripeId("pi");
        UUID paymentId = stripePayment(orderId, customer.id(), "200.00", intent);
        assertThat(deliver(
                                event("payment_intent.succeeded", paymentIntent(intent, paymentId, "succeeded", 20000)),
                                Instant.now())
                        .status())
                .isEqualTo(200);
        UUID pendingRefund = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO refunds (id, payment_id, amount, currency, status, reason, next_check_at, created_at,
                            updated_at)
                        VALUES (:id, :payment, 50.00, 'USD', 'pending', 'Partial refund', now() + interval '1 hour', now(),
                            now())
                        """).param("id", pendingRefund).param("payment", paymentId).update();
        ObjectNode charge = charge(intent, 20000, 8000);
        String dashboardRefund = "re_" + UUID.randomUUID().toString().replace("-", "");
        charge.putObject("refunds")
                .putArray("data")
                .add(stripeRefund(
                        "re_" + UUID.randomUUID().toString().replace("-", ""),
                        intent,
                        5000,
                        "succeeded",
                        pendingRefund))
                .add(stripeRefund(dashboardRefund, intent, 3000, "succeeded", null));
        String event = event("charge.refunded", charge);

        assertThat(deliver(event, Instant.now()).status()).isEqualTo(200);
        assertThat(deliver(event, Instant.now()).json().path("duplicate").asBoolean())
                .isTrue();

        JsonNode payment = api.get("/api/payments/" + paymentId)
                .token(customer.accessToken())
                .send()
                .json();
        assertThat(payment.path("status").asString()).isEqualTo("partially_refunded");
        assertThat(payment.path("refundedAmount").path("amount").asString()).isEqualTo("80.00");
        List<Map<String, Object>> refunds = jdbc.sql(
                        "SELECT id, amount, status, reason, provider_ref FROM refunds WHERE payment_id = :id ORDER BY created_at")
                .param("id", paymentId)
                .query()
                .listOfRows();
        assertThat(refunds).hasSize(2);
        assertThat(refunds.get(0)).containsEntry("id", pendingRefund).containsEntry("status", "succeeded");
        assertThat(refunds.get(1))
                .containsEntry("status", "succeeded")
                .containsEntry("reason", "Refunded at stripe")
                .containsEntry("provider_ref", dashboardRefund);
        assertThat((java.math.BigDecimal) refunds.get(1).get("amount")).isEqualByComparingTo("30.00");

        // The same total in a new event (Stripe resends the charge state) changes nothing.
        assertThat(deliver(event("charge.refunded", charge), Instant.now()).status())
                .isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM refunds WHERE payment_id = :id")
                        .param("id", paymentId)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void eventsAboutOtherThingsAreAcknowledgedAndIgnored() {
        ObjectNode unknownIntent = paymentIntent("pi_not_ours", UUID.randomUUID(), "succeeded", 100);
        assertThat(deliver(event("payment_intent.succeeded", unknownIntent), Instant.now())
                        .status())
                .isEqualTo(200);
        assertThat(deliver(event("customer.created", JSON.createObjectNode().put("id", "cus_1")), Instant.now())
                        .status())
                .isEqualTo(200);
        long now = Instant.now().getEpochSecond();
        String notJson = "{not json";
        assertProblem(
                send(notJson, "t=" + now + ",v1=" + StripeSignature.sign(STRIPE_WEBHOOK_SECRET, now, bytes(notJson))),
                400,
                "malformed_request");
        assertProblem(
                api.post("/api/payments/webhooks/paypal")
                        .raw("application/json", "{}")
                        .send(),
                404,
                "not_found");
    }

    // ---- arrangement --------------------------------------------------------------------------

    private UUID capturedStripePayment(Session customer, UUID orderId, String amount, String intent) {
        UUID paymentId = stripePayment(orderId, customer.id(), amount, intent);
        long minor = new java.math.BigDecimal(amount).movePointRight(2).longValueExact();
        assertThat(deliver(
                                event("payment_intent.succeeded", paymentIntent(intent, paymentId, "succeeded", minor)),
                                Instant.now())
                        .status())
                .isEqualTo(200);
        return paymentId;
    }

    private UUID pendingRefund(UUID paymentId, String amount, String providerRef) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO refunds (id, payment_id, amount, currency, status, reason, provider_ref, next_check_at,
                            created_at, updated_at)
                        VALUES (:id, :payment, CAST(:amount AS NUMERIC), 'USD', 'pending', 'Partial refund', :ref,
                            now() + interval '1 hour', clock_timestamp(), clock_timestamp())
                        """)
                .param("id", id)
                .param("payment", paymentId)
                .param("amount", amount)
                .param("ref", providerRef)
                .update();
        return id;
    }

    private static ObjectNode charge(String intent, long amount, long refunded) {
        return JSON.createObjectNode()
                .put("id", stripeId("ch"))
                .put("object", "charge")
                .put("payment_intent", intent)
                .put("amount", amount)
                .put("amount_refunded", refunded)
                .put("currency", "usd")
                .put("refunded", amount == refunded);
    }

    private static ObjectNode stripeRefund(String id, String intent, long amount, String status, UUID ours) {
        ObjectNode refund = JSON.createObjectNode()
                .put("id", id)
                .put("object", "refund")
                .put("amount", amount)
                .put("currency", "usd")
                .put("payment_intent", intent)
                .put("status", status);
        ObjectNode metadata = refund.putObject("metadata");
        if (ours != null) {
            metadata.put("miyabi_refund_id", ours.toString());
        }
        return refund;
    }

    private String refundStatus(UUID refundId) {
        return jdbc.sql("SELECT status FROM refunds WHERE id = :id")
                .param("id", refundId)
                .query(String.class)
                .single();
    }

    private String paymentStatus(UUID paymentId) {
        return jdbc.sql("SELECT status FROM payments WHERE id = :id")
                .param("id", paymentId)
                .query(String.class)
                .single();
    }

    private long refundCount(UUID paymentId) {
        return jdbc.sql("SELECT count(*) FROM refunds WHERE payment_id = :id")
                .param("id", paymentId)
                .query(Long.class)
                .single();
    }

    private UUID stripePayment(UUID orderId, UUID userId, String amount, String providerRef) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO payments (id, order_id, user_id, amount, currency, status, provider, provider_ref,
                            payment_method, next_check_at, created_at, updated_at)
                        VALUES (:id, :order, :user, CAST(:amount AS NUMERIC), 'USD', 'processing', 'stripe', :ref,
                            'pm_card_visa', now() + interval '1 hour', now(), now())
                        """)
                .param("id", id)
                .param("order", orderId)
                .param("user", userId)
                .param("amount", amount)
                .param("ref", providerRef)
                .update();
        return id;
    }

    private Api.Response deliver(String event, Instant at) {
        return send(event, signature(event, at));
    }

    private Api.Response send(String body, String signature) {
        Api.Request request = api.post("/api/payments/webhooks/stripe").raw("application/json; charset=utf-8", body);
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return request.send();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
