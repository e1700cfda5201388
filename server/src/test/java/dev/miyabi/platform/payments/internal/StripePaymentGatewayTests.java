package dev.miyabi.platform.payments.internal;

import static dev.miyabi.platform.payments.internal.StripeFixtures.form;
import static dev.miyabi.platform.payments.internal.StripeFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miyabi.platform.shared.Money;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Stripe adapter against a local server speaking Stripe's wire format: form-encoded requests with the
 * secret key, the pinned version and Stripe's Idempotency-Key; PaymentIntents, declines (402 with {@code
 * error.decline_code}), invalid payment methods, 401, 409, 429, 5xx, timeouts; lookups and refunds.
 */
class StripePaymentGatewayTests {

    private static final String KEY = "sk_test_51NotARealKeyJustForTheTests";

    record Received(String method, String path, Headers headers, Map<String, String> form, String query) {}

    private final MockWebServer server = new MockWebServer();
    private final ConcurrentLinkedQueue<MockResponse> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private StripePaymentGateway stripe;

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = request.getBody() == null ? "" : request.getBody().utf8();
                received.add(new Received(
                        request.getMethod(),
                        request.getUrl().encodedPath(),
                        request.getHeaders(),
                        form(body),
                        request.getUrl().query() == null ? "" : request.getUrl().query()));
                MockResponse next = script.poll();
                return next != null
                        ? next
                        : json(500, "{\"error\": {\"type\": \"api_error\", \"message\": \"no script\"}}");
            }
        });
        server.start();
        stripe = gateway(Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private StripePaymentGateway gateway(Duration requestTimeout) {
        PaymentsProperties.Stripe settings = new PaymentsProperties.Stripe(
                KEY,
                null,
                URI.create(server.url("/").toString()),
                "2024-06-20",
                Duration.ofSeconds(2),
                requestTimeout,
                Duration.ofSeconds(300));
        return new StripePaymentGateway(settings, JsonMapper.builder().build());
    }

    @Test
    void aChargeCreatesAndConfirmsAPaymentIntentWithStripesIdempotencyKey() {
        script.add(json(200, intent("pi_123", "succeeded", 4999)));
        UUID paymentId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();

        ChargeResult result = stripe.charge(new ChargeRequest(
                ChargeRequest.keyFor(paymentId),
                paymentId,
                orderId,
                Money.of("49.99", "USD"),
                "pm_card_visa",
                "Order"));

        assertThat(result).isEqualTo(new ChargeResult.Succeeded("pi_123", "card"));
        Received request = received.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/payment_intents");
        assertThat(request.headers().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.headers().get("Idempotency-Key")).isEqualTo("payment-" + paymentId);
        assertThat(request.headers().get("Stripe-Version")).isEqualTo("2024-06-20");
        assertThat(request.headers().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.form())
                .containsEntry("amount", "4999")
                .containsEntry("currency", "usd")
                .containsEntry("payment_method", "pm_card_visa")
                .containsEntry("confirm", "true")
                .containsEntry("automatic_payment_methods[enabled]", "true")
                .containsEntry("automatic_payment_methods[allow_redirects]", "never")
                .containsEntry("metadata[miyabi_payment_id]", paymentId.toString())
                .containsEntry("metadata[miyabi_order_id]", orderId.toString());
    }

    @Test
    void amountsAreSentInTheCurrencysMinorUnits() {
        script.add(json(200, intent("pi_yen", "succeeded", 5000, "jpy")));
        stripe.charge(charge(Money.of("5000", "JPY"), "pm_card_visa"));
        assertThat(received.getFirst().form()).containsEntry("amount", "5000").containsEntry("currency", "jpy");
    }

    @Test
    void anIntentWithoutAKnownStatusIsNoAnswerNotADecline() {
        script.add(json(200, "{}"));
        script.add(json(200, intent("pi_odd", "requires_magic", 1000)));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> stripe.charge(charge(Money.of("10.00", "USD"), "pm_card_visa")))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.reason()).isEqualTo("unexpected_response");
                        assertThat(e.retryable()).isFalse();
                    });
        }
    }

    @Test
    void aSuccessForAnotherAmountOrCurrencyIsNoAnswerAboutOurCharge() {
        script.add(json(200, intent("pi_cheap", "succeeded", 1, "jpy")));
        script.add(json(200, intent("pi_less", "succeeded", 5554)));
        script.add(json(200, intent("pi_less", "succeeded", 5554)));
        Money charged = Money.of("55.55", "USD");

        assertThatThrownBy(() -> stripe.charge(charge(charged, "pm_card_visa")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.reason()).isEqualTo("amount_mismatch");
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessageContaining("1 jpy");
        assertThatThrownBy(() -> stripe.charge(charge(charged, "pm_card_visa")))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.reason()).isEqualTo("amount_mismatch"));
        assertThatThrownBy(() -> stripe.lookup(new ChargeLookup("k", UUID.randomUUID(), charged, "pi_less")))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.reason()).isEqualTo("amount_mismatch"));
    }

    @Test
    void aCardErrorIsADeclineWithItsDeclineCode() {
        script.add(json(402, """
                {"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                 "message": "Your card has insufficient funds.", "payment_intent": {"id": "pi_declined", "status": "requires_payment_method"}}}
                """));
        script.add(json(402, """
                {"error": {"type": "card_error", "code": "expired_card", "message": "Your card has expired."}}
                """));

        assertThat(stripe.charge(charge(Money.of("10.00", "USD"), "pm_card_chargeDeclinedInsufficientFunds")))
                .isEqualTo(new ChargeResult.Declined(
                        "pi_declined", "insufficient_funds", "Your card has insufficient funds."));
        assertThat(stripe.charge(charge(Money.of("10.00", "USD"), "pm_card_chargeDeclinedExpiredCard")))
                .isEqualTo(new ChargeResult.Declined(null, "expired_card", "Your card has expired."));
    }

    @Test
    void anUnknownPaymentMethodIsRefusedForGood() {
        script.add(json(400, """
                {"error": {"type": "invalid_request_error", "code": "resource_missing", "param": "payment_method",
                 "message": "No such PaymentMethod: 'pm_nope'"}}
                """));
        ChargeResult result = stripe.charge(charge(Money.of("10.00", "USD"), "pm_nope"));
        assertThat(result).isInstanceOf(ChargeResult.Declined.class);
        assertThat(((ChargeResult.Declined) result).code()).isEqualTo("resource_missing");
    }

    @Test
    void intentsThatNeedMoreAreNotSuccesses() {
        script.add(json(200, intent("pi_3ds", "requires_action", 1000)));
        script.add(json(200, intent("pi_slow", "processing", 1000)));
        assertThat(stripe.charge(charge(Money.of("10.00", "USD"), "pm_card_authenticationRequired")))
                .isInstanceOfSatisfying(
                        ChargeResult.Declined.class, d -> assertThat(d.code()).isEqualTo("authentication_required"));
        assertThat(stripe.charge(charge(Money.of("10.00", "USD"), "pm_card_visa")))
                .isEqualTo(new ChargeResult.Pending("pi_slow"));
    }

    @Test
    void rateLimitsServerErrorsConflictsAndTimeoutsAreUnknownOutcomesWorthRetrying() {
        script.add(json(429, "{\"error\": {\"type\": \"invalid_request_error\", \"code\": \"rate_limit\"}}"));
        script.add(json(500, "{\"error\": {\"type\": \"api_error\"}}"));
        script.add(json(
                409, "{\"error\": {\"type\": \"idempotency_error\", \"message\": \"another request is in flight\"}}"));
        script.add(json(503, "<html>Service Unavailable</html>"));
        for (String reason : List.of("rate_limited", "server_error", "conflict", "unexpected_response")) {
            assertThatThrownBy(() -> stripe.charge(charge(Money.of("10.00", "USD"), "pm_card_visa")))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.reason()).isEqualTo(reason);
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).doesNotContain(KEY);
                    });
        }

        StripePaymentGateway impatient = gateway(Duration.ofMillis(300));
        script.add(json(200, intent("pi_late", "succeeded", 1000))
                .newBuilder()
                .headersDelay(2, TimeUnit.SECONDS)
                .build());
        assertThatThrownBy(() -> impatient.charge(charge(Money.of("10.00", "USD"), "pm_card_visa")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.reason()).isEqualTo("timeout");
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void aRejectedKeyIsAConfigurationErrorNotWorthRetrying() {
        script.add(
                json(
                        401,
                        "{\"error\": {\"type\": \"invalid_request_error\", \"message\": \"Invalid API Key provided: sk_test_****\"}}"));
        assertThatThrownBy(() -> stripe.charge(charge(Money.of("10.00", "USD"), "pm_card_visa")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.reason()).isEqualTo("authentication");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).doesNotContain(KEY);
                });
    }

    @Test
    void retriesRepeatTheSameRequestWithTheSameKeyUntilStripeAnswers() {
        script.add(json(500, "{\"error\": {\"type\": \"api_error\"}}"));
        script.add(json(429, "{\"error\": {\"type\": \"invalid_request_error\", \"code\": \"rate_limit\"}}"));
        script.add(json(200, intent("pi_finally", "succeeded", 1500)));
        GatewayRetries retries =
                new GatewayRetries(new PaymentsProperties.Retry(3, Duration.ofMillis(10), Duration.ofMillis(50)));
        ChargeRequest request = charge(Money.of("15.00", "USD"), "pm_card_visa");

        ChargeResult result = retries.call("test", () -> stripe.charge(request));

        assertThat(result).isEqualTo(new ChargeResult.Succeeded("pi_finally", "card"));
        assertThat(received).hasSize(3);
        assertThat(received.stream()
                        .map(r -> r.headers().get("Idempotency-Key"))
                        .distinct())
                .containsExactly(request.idempotencyKey());
        assertThat(received.stream().map(Received::form).distinct()).hasSize(1);

        script.add(json(500, "{}"));
        script.add(json(500, "{}"));
        script.add(json(500, "{}"));
        assertThatThrownBy(() -> retries.call("test", () -> stripe.charge(request)))
                .isInstanceOf(GatewayException.class);
        assertThat(received).hasSize(6);
    }

    @Test
    void lookupsReadAnIntentByIdOrSearchOurMetadata() {
        script.add(json(200, intent("pi_known", "succeeded", 1000)));
        script.add(json(404, "{\"error\": {\"type\": \"invalid_request_error\", \"code\": \"resource_missing\"}}"));
        script.add(json(
                200, "{\"object\": \"search_result\", \"data\": [" + intent("pi_found", "succeeded", 1000) + "]}"));
        script.add(json(200, "{\"object\": \"search_result\", \"data\": []}"));
        UUID paymentId = UUID.randomUUID();
        Money amount = Money.of("10.00", "USD");

        assertThat(stripe.lookup(new ChargeLookup("k", paymentId, amount, "pi_known")))
                .isEqualTo(new ChargeResult.Succeeded("pi_known", "card"));
        assertThat(received.get(0).method()).isEqualTo("GET");
        assertThat(received.get(0).path()).isEqualTo("/v1/payment_intents/pi_known");
        assertThat(received.get(0).headers().get("Idempotency-Key")).isNull();
        assertThat(stripe.lookup(new ChargeLookup("k", paymentId, amount, "pi_gone")))
                .isEqualTo(new ChargeResult.NotFound());
        assertThat(stripe.lookup(new ChargeLookup("k", paymentId, amount, null)))
                .isEqualTo(new ChargeResult.Succeeded("pi_found", "card"));
        assertThat(received.get(2).path()).isEqualTo("/v1/payment_intents/search");
        assertThat(URLDecoder.decode(received.get(2).query(), StandardCharsets.UTF_8))
                .contains("metadata['miyabi_payment_id']:'" + paymentId + "'");
        assertThat(stripe.lookup(new ChargeLookup("k", paymentId, amount, null)))
                .isEqualTo(new ChargeResult.NotFound());
    }

    @Test
    void refundsArePostedWithTheirOwnKeyAndReadBack() {
        script.add(
                json(200, "{\"id\": \"re_1\", \"object\": \"refund\", \"status\": \"succeeded\", \"amount\": 2500}"));
        script.add(json(200, "{\"id\": \"re_2\", \"object\": \"refund\", \"status\": \"pending\", \"amount\": 100}"));
        script.add(json(
                400,
                "{\"error\": {\"type\": \"invalid_request_error\", \"code\": \"charge_already_refunded\","
                        + " \"message\": \"Charge ch_1 has already been refunded.\"}}"));
        script.add(json(
                200,
                "{\"object\": \"list\", \"data\": [{\"id\": \"re_other\", \"status\": \"succeeded\", \"metadata\": {}},"
                        + " {\"id\": \"re_ours\", \"status\": \"failed\", \"failure_reason\": \"expired_or_canceled_card\","
                        + " \"metadata\": {\"miyabi_refund_id\": \"REFUND\"}}]}"));
        UUID refundId = UUID.randomUUID();

        assertThat(stripe.refund(new RefundRequest(
                        RefundRequest.keyFor(refundId), refundId, "pi_paid", Money.of("25.00", "USD"), "Goodwill")))
                .isEqualTo(new RefundResult.Succeeded("re_1"));
        Received request = received.getFirst();
        assertThat(request.path()).isEqualTo("/v1/refunds");
        assertThat(request.headers().get("Idempotency-Key")).isEqualTo("refund-" + refundId);
        assertThat(request.form())
                .containsEntry("payment_intent", "pi_paid")
                .containsEntry("amount", "2500")
                .containsEntry("metadata[miyabi_refund_id]", refundId.toString())
                .containsEntry("metadata[reason]", "Goodwill");
        assertThat(stripe.refund(new RefundRequest("k2", UUID.randomUUID(), "pi_paid", Money.of("1.00", "USD"), null)))
                .isEqualTo(new RefundResult.Pending("re_2"));
        assertThat(stripe.refund(new RefundRequest("k3", UUID.randomUUID(), "pi_paid", Money.of("1.00", "USD"), null)))
                .isInstanceOfSatisfying(
                        RefundResult.Failed.class, f -> assertThat(f.code()).isEqualTo("charge_already_refunded"));

        UUID ours = UUID.randomUUID();
        script.clear();
        script.add(json(
                200,
                "{\"object\": \"list\", \"data\": [{\"id\": \"re_other\", \"status\": \"succeeded\", \"metadata\": {}},"
                        + " {\"id\": \"re_ours\", \"status\": \"failed\", \"failure_reason\": \"expired_or_canceled_card\","
                        + " \"metadata\": {\"miyabi_refund_id\": \"" + ours + "\"}}]}"));
        assertThat(stripe.lookupRefund(new RefundLookup("k", ours, "pi_paid", null)))
                .isInstanceOfSatisfying(RefundResult.Failed.class, f -> {
                    assertThat(f.providerRef()).isEqualTo("re_ours");
                    assertThat(f.code()).isEqualTo("expired_or_canceled_card");
                });
        assertThat(received.getLast().query()).contains("payment_intent=pi_paid");
    }

    @Test
    void theStripeProviderNeedsASecretKey() {
        PaymentsProperties.Stripe none = new PaymentsProperties.Stripe(
                null,
                null,
                URI.create("https://api.stripe.com"),
                "2024-06-20",
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(300));
        assertThatThrownBy(() ->
                        new StripePaymentGateway(none, JsonMapper.builder().build()))
                .hasMessageContaining("STRIPE_SECRET_KEY");
        assertThat(none.toString()).doesNotContain("sk_");
        PaymentsProperties.Stripe set = new PaymentsProperties.Stripe(
                KEY,
                "whsec_x",
                URI.create("https://api.stripe.com"),
                "2024-06-20",
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(300));
        assertThat(set.toString()).doesNotContain(KEY).doesNotContain("whsec_x");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static ChargeRequest charge(Money amount, String method) {
        UUID paymentId = UUID.randomUUID();
        return new ChargeRequest(
                ChargeRequest.keyFor(paymentId), paymentId, UUID.randomUUID(), amount, method, "Miyabi order");
    }

    private static String intent(String id, String status, long amount) {
        return intent(id, status, amount, "usd");
    }

    private static String intent(String id, String status, long amount, String currency) {
        return """
                {"id": "%s", "object": "payment_intent", "amount": %d, "currency": "%s", "status": "%s",
                 "payment_method": "pm_1", "payment_method_types": ["card", "link"],
                 "latest_charge": {"id": "ch_1", "object": "charge", "payment_method_details": {"type": "card"}},
                 "metadata": {}}
                """.formatted(id, amount, currency, status);
    }
}
