package dev.miyabi.platform.payments.internal;

import static dev.miyabi.platform.payments.internal.StripeFixtures.JSON;
import static dev.miyabi.platform.payments.internal.StripeFixtures.event;
import static dev.miyabi.platform.payments.internal.StripeFixtures.form;
import static dev.miyabi.platform.payments.internal.StripeFixtures.json;
import static dev.miyabi.platform.payments.internal.StripeFixtures.paymentIntent;
import static dev.miyabi.platform.payments.internal.StripeFixtures.signature;
import static dev.miyabi.platform.payments.internal.StripeFixtures.stripeId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.CommerceFixtures;
import dev.miyabi.platform.support.SecondInstance;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An instance whose payments go to Stripe — a local server speaking Stripe's wire format — on the shared
 * database: a success Stripe reports for a payment recorded as failed is refunded through Stripe, once;
 * a key Stripe keeps refusing (401) fails a processing payment and refund after the "not found" bound;
 * stalled payments are settled a few at a time against a slow Stripe.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StripeProviderIntegrationTests extends CommerceFixtures {

    private static final int STRIPE_PORT = 18100;
    private static final int INSTANCE_PORT = 18101;
    private static final int RECONCILIATION_CONCURRENCY = 3;
    /** PaymentIntents whose lookup takes {@link #SLOW_LOOKUP} and finds them succeeded. */
    private static final String SLOW_INTENT = "pi_slow_";

    private static final Duration SLOW_LOOKUP = Duration.ofMillis(400);

    record Received(String method, String path, Headers headers, Map<String, String> form) {}

    private final MockWebServer stripe = new MockWebServer();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger slowLookupsInFlight = new AtomicInteger();
    private final AtomicInteger mostSlowLookupsAtOnce = new AtomicInteger();
    private ConfigurableApplicationContext instance;
    private Api stripeInstance;

    @BeforeAll
    void start() throws IOException {
        stripe.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = request.getBody() == null ? "" : request.getBody().utf8();
                Received call = new Received(
                        request.getMethod(), request.getUrl().encodedPath(), request.getHeaders(), form(body));
                received.add(call);
                if (call.method().equals("GET") && call.path().startsWith("/v1/payment_intents/" + SLOW_INTENT)) {
                    return slowLookup(call);
                }
                return answer(call);
            }
        });
        stripe.start(STRIPE_PORT);
        instance = SecondInstance.start(
                "--server.port=" + INSTANCE_PORT,
                "--miyabi.payments.provider=stripe",
                "--miyabi.payments.stripe.secret-key=sk_test_miyabi_provider_tests",
                "--miyabi.payments.stripe.base-url=http://127.0.0.1:" + STRIPE_PORT,
                "--miyabi.payments.stripe.webhook-secret=" + STRIPE_WEBHOOK_SECRET,
                "--miyabi.payments.reconciliation.concurrency=" + RECONCILIATION_CONCURRENCY,
                // The tests run reconciliation themselves.
                "--miyabi.payments.reconciliation.interval=1h");
        stripeInstance = new Api(INSTANCE_PORT);
    }

    @AfterAll
    void stop() {
        if (instance != null) {
            instance.close();
        }
        stripe.close();
    }

    /** A slow Stripe: the lookup takes {@link #SLOW_LOOKUP} and finds the PaymentIntent succeeded. */
    private MockResponse slowLookup(Received call) {
        int inFlight = slowLookupsInFlight.incrementAndGet();
        mostSlowLookupsAtOnce.accumulateAndGet(inFlight, Math::max);
        try {
            Thread.sleep(SLOW_LOOKUP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            slowLookupsInFlight.decrementAndGet();
        }
        String id = call.path().substring("/v1/payment_intents/".length());
        return json(200, paymentIntent(id, null, "succeeded", 4200).toString());
    }

    /** Stripe: refunds succeed; PaymentIntents are created succeeded; every lookup is refused with 401. */
    private static MockResponse answer(Received call) {
        if (call.method().equals("POST") && call.path().equals("/v1/refunds")) {
            ObjectNode refund = JSON.createObjectNode()
                    .put("id", stripeId("re"))
                    .put("object", "refund")
                    .put("amount", Long.parseLong(call.form().get("amount")))
                    .put("currency", "usd")
                    .put("payment_intent", call.form().get("payment_intent"))
                    .put("status", "succeeded");
            refund.putObject("metadata").put("miyabi_refund_id", call.form().get("metadata[miyabi_refund_id]"));
            return json(200, refund.toString());
        }
        if (call.method().equals("POST") && call.path().equals("/v1/payment_intents")) {
            ObjectNode intent = JSON.createObjectNode()
                    .put("id", stripeId("pi"))
                    .put("object", "payment_intent")
                    .put("amount", Long.parseLong(call.form().get("amount")))
                    .put("currency", "usd")
                    .put("status", "succeeded");
            intent.putArray("payment_method_types").add("card");
            return json(200, intent.toString());
        }
        return json(
                401,
                "{\"error\": {\"type\": \"invalid_request_error\", \"message\": \"Invalid API Key provided: sk_test_***\"}}");
    }

    @Test
    void aSuccessAfterTheDeclineIsRefundedThroughStripeOnce() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "42.00");
        String intent = stripeId("pi");
        UUID paymentId = stripePayment(orderId, customer.id(), "42.00", "failed", intent, "now()");

        for (int delivery = 0; delivery < 2; delivery++) {
            Api.Response delivered =
                    deliver(event("payment_intent.succeeded", paymentIntent(intent, paymentId, "succeeded", 4200)));
            assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(jdbc.sql("""
                                SELECT status FROM refunds WHERE payment_id = :id AND automatic_key = 'captured_after_failure'
                                """)
                                .param("id", paymentId)
                                .query(String.class)
                                .single())
                        .isEqualTo("succeeded"));
        List<Received> refunds = received.stream()
                .filter(call -> call.path().equals("/v1/refunds")
                        && intent.equals(call.form().get("payment_intent")))
                .toList();
        assertThat(refunds)
                .as("one refund at Stripe however often it reports the success")
                .hasSize(1);
        UUID refundId = UUID.fromString(refunds.getFirst().form().get("metadata[miyabi_refund_id]"));
        assertThat(refunds.getFirst().form()).containsEntry("amount", "4200");
        assertThat(refunds.getFirst().headers().get("Idempotency-Key")).isEqualTo(RefundRequest.keyFor(refundId));
        assertThat(jdbc.sql("SELECT status FROM payments WHERE id = :id")
                        .param("id", paymentId)
                        .query(String.class)
                        .single())
                .isEqualTo("failed");
        Map<String, Object> task =
                jdbc.sql("""
                        SELECT agent_type, status FROM agent_tasks
                        WHERE resource_type = 'payment' AND resource_id = :id AND input ->> 'operation' = 'refund'
                        """).param("id", paymentId.toString()).query().singleRow();
        assertThat(task).containsEntry("agent_type", "payment_processor").containsEntry("status", "completed");
        JsonNode order = order(customer, orderId);
        assertThat(order.path("status").asString()).isEqualTo("awaiting_payment");
        assertThat(order.path("timeline").toString()).contains("refunded automatically");
    }

    /**
     * Stalled payments are settled a few at a time: their lookups overlap at Stripe, never more than the
     * configured concurrency, one lookup per payment, and each payment is settled once.
     */
    @Test
    void stalledPaymentsAreSettledSeveralAtATimeAgainstASlowGateway() {
        Session customer = register();
        List<UUID> stalled = new ArrayList<>();
        for (int i = 0; i < 3 * RECONCILIATION_CONCURRENCY; i++) {
            UUID order = orderAwaitingPayment(customer, "42.00");
            String intent = SLOW_INTENT + UUID.randomUUID().toString().replace("-", "");
            stalled.add(
                    stripePayment(order, customer.id(), "42.00", "processing", intent, "now() - interval '1 hour'"));
        }

        instance.getBean(PaymentReconciliation.class).reconcileDue();

        assertThat(jdbc.sql("SELECT status FROM payments WHERE id IN (:ids)")
                        .param("ids", stalled)
                        .query(String.class)
                        .list())
                .hasSize(stalled.size())
                .containsOnly("succeeded");
        assertThat(received.stream()
                        .filter(call -> call.path().startsWith("/v1/payment_intents/" + SLOW_INTENT))
                        .count())
                .as("one lookup per payment")
                .isEqualTo(stalled.size());
        assertThat(mostSlowLookupsAtOnce.get())
                .as("lookups at Stripe at once")
                .isGreaterThan(1)
                .isLessThanOrEqualTo(RECONCILIATION_CONCURRENCY);
    }

    @Test
    void aPaymentAndARefundStripeKeepsRefusingToTellAboutFailAfterTheGiveUpBound() {
        Session customer = register();
        UUID oldOrder = orderAwaitingPayment(customer, "43.00");
        UUID youngOrder = orderAwaitingPayment(customer, "44.00");
        UUID refundedOrder = orderAwaitingPayment(customer, "45.00");
        UUID old = stripePayment(oldOrder, customer.id(), "43.00", "processing", null, "now() - interval '73 hours'");
        UUID young = stripePayment(youngOrder, customer.id(), "44.00", "processing", null, "now() - interval '1 hour'");
        String intent = stripeId("pi");
        UUID captured = stripePayment(
                refundedOrder, customer.id(), "45.00", "succeeded", intent, "now() - interval '80 hours'");
        UUID refund = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO refunds (id, payment_id, amount, currency, status, reason, next_check_at, created_at,
                            updated_at)
                        VALUES (:id, :payment, 45.00, 'USD', 'pending', 'Goodwill', now(), now() - interval '73 hours',
                            now() - interval '73 hours')
                        """).param("id", refund).param("payment", captured).update();

        instance.getBean(PaymentReconciliation.class).reconcileDue();

        Map<String, Object> failed = jdbc.sql("SELECT status, failure_code FROM payments WHERE id = :id")
                .param("id", old)
                .query()
                .singleRow();
        assertThat(failed).containsEntry("status", "failed").containsEntry("failure_code", "processing_error");
        assertThat(jdbc.sql("SELECT status FROM payments WHERE id = :id")
                        .param("id", young)
                        .query(String.class)
                        .single())
                .as("within the bound it is asked about again later")
                .isEqualTo("processing");
        assertThat(jdbc.sql("SELECT status FROM refunds WHERE id = :id")
                        .param("id", refund)
                        .query(String.class)
                        .single())
                .isEqualTo("failed");
        assertThat(received)
                .as("the lookups were made, with the key Stripe refused")
                .anyMatch(call -> call.method().equals("GET") && call.path().startsWith("/v1/payment_intents"));
        Api.Response again = stripeInstance
                .post("/api/orders/" + oldOrder + "/payments")
                .token(customer.accessToken())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json(Map.of("paymentMethod", "pm_card_visa"))
                .send();
        assertThat(again.status()).as("the order is payable again: " + again).isEqualTo(201);
    }

    // ---- arrangement --------------------------------------------------------------------------

    private UUID stripePayment(
            UUID orderId, UUID userId, String amount, String status, String providerRef, String createdAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO payments (id, order_id, user_id, amount, currency, status, provider, provider_ref,
                            payment_method, next_check_at, created_at, updated_at, settled_at)
                        VALUES (:id, :order, :user, CAST(:amount AS NUMERIC), 'USD', :status, 'stripe', :ref,
                            'pm_card_visa', CASE WHEN :status = 'processing' THEN now() END, %1$s, %1$s,
                            CASE WHEN :status <> 'processing' THEN now() END)
                        """.formatted(createdAt))
                .param("id", id)
                .param("order", orderId)
                .param("user", userId)
                .param("amount", amount)
                .param("status", status)
                .param("ref", providerRef)
                .update();
        return id;
    }

    private Api.Response deliver(String event) {
        return stripeInstance
                .post("/api/payments/webhooks/stripe")
                .raw("application/json; charset=utf-8", event)
                .header("Stripe-Signature", signature(event, Instant.now()))
                .send();
    }
}
