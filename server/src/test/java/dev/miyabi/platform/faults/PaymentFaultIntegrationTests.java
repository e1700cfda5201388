package dev.miyabi.platform.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.faults.FaultyHttpServer.Fault;
import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.CommerceFixtures;
import dev.miyabi.platform.support.SecondInstance;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Payments through an instance whose provider is Stripe — a local server speaking Stripe's wire format —
 * that stalls: it accepts the charge and never answers, or answers the headers and stalls in the body.
 * The customer's request still answers in bounded time ({@code 202 processing}, as the API says for an
 * unknown outcome); reconciliation then settles the payment with exactly one charge at the provider, and
 * a charge the provider never made leaves the order payable again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentFaultIntegrationTests extends CommerceFixtures {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration BOUND = Duration.ofSeconds(10);

    /** How the provider treats the next charge. */
    private enum Charging {
        ANSWER,
        STALL_BEFORE_CHARGING,
        CHARGE_THEN_STALL_MID_BODY
    }

    private volatile Charging charging = Charging.ANSWER;
    /** The provider's ledger: PaymentIntents by Stripe's Idempotency-Key, as Stripe deduplicates them. */
    private final Map<String, ObjectNode> intents = new ConcurrentHashMap<>();

    private FaultyHttpServer stripe;
    private ConfigurableApplicationContext instance;
    private Api stripeApi;

    @BeforeAll
    void start() throws Exception {
        stripe = new FaultyHttpServer(this::stripe);
        instance = SecondInstance.start(
                "--miyabi.payments.provider=stripe",
                "--miyabi.payments.stripe.secret-key=sk_test_miyabi_faults",
                "--miyabi.payments.stripe.base-url=" + stripe.url(""),
                "--miyabi.payments.stripe.webhook-secret=" + STRIPE_WEBHOOK_SECRET,
                "--miyabi.payments.stripe.request-timeout=1s",
                "--miyabi.payments.retry.max-attempts=2",
                "--miyabi.payments.retry.initial-backoff=50ms",
                // Reconciliation looks often; a payment is due once the test, the provider recovered, says so.
                "--miyabi.payments.reconciliation.interval=300ms");
        stripeApi = new Api(SecondInstance.port(instance));
    }

    @AfterAll
    void stop() throws Exception {
        if (instance != null) {
            instance.close();
        }
        if (stripe != null) {
            stripe.close();
        }
    }

    @Test
    void aChargeTheProviderNeverAnsweredIsAcceptedAsProcessingAndReconciledIntoOneCharge() {
        for (Charging stall : List.of(Charging.STALL_BEFORE_CHARGING, Charging.CHARGE_THEN_STALL_MID_BODY)) {
            Session customer = register();
            UUID orderId = orderAwaitingPayment(customer, "52.00");
            long paymentsBefore = count("SELECT count(*) FROM payments");

            charging = stall;
            long started = System.nanoTime();
            Api.Response answer =
                    payAtStripe(customer, orderId, UUID.randomUUID().toString());
            long millis = (System.nanoTime() - started) / 1_000_000;
            charging = Charging.ANSWER;

            assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
            assertThat(answer.text("status")).isEqualTo("processing");
            assertThat(Duration.ofMillis(millis))
                    .as("the answer came in bounded time")
                    .isLessThan(BOUND);
            UUID paymentId = UUID.fromString(answer.text("id"));
            assertThat(order(customer, orderId).path("status").asString()).isEqualTo("awaiting_payment");

            reconcileNow(paymentId);

            assertThat(paymentStatus(paymentId)).isEqualTo("succeeded");
            awaitPaid(customer, orderId);
            assertThat(chargesFor(orderId)).as("charges at the provider").isEqualTo(1);
            long payments = count("SELECT count(*) FROM payments WHERE order_id = '" + orderId + "'");
            assertThat(payments).isEqualTo(1);
            System.out.printf(
                    "FAULT stalled-payment (%s): POST payment answered %d processing in %d ms; reconciled to"
                            + " succeeded; charges at the provider 1; payments before %d after %d; lost 0,"
                            + " duplicated 0%n",
                    stall.name().toLowerCase(),
                    answer.status(),
                    millis,
                    paymentsBefore,
                    count("SELECT count(*) FROM payments"));
        }
    }

    @Test
    void aChargeTheProviderNeverMadeFailsAfterTheGiveUpBoundAndTheOrderIsPayableAgain() {
        Session customer = register();
        UUID orderId = orderAwaitingPayment(customer, "61.00");
        long paymentsBefore = count("SELECT count(*) FROM payments");

        charging = Charging.STALL_BEFORE_CHARGING;
        Api.Response stalled = payAtStripe(customer, orderId, UUID.randomUUID().toString());
        charging = Charging.ANSWER;
        assertThat(stalled.status()).as(stalled.toString()).isEqualTo(202);
        UUID lost = UUID.fromString(stalled.text("id"));
        // Past the give-up bound (72 h) the provider still has no record of it.
        jdbc.sql("UPDATE payments SET created_at = now() - interval '73 hours', next_check_at = now() WHERE id = :id")
                .param("id", lost)
                .update();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> !paymentStatus(lost).equals("processing"));

        assertThat(paymentStatus(lost)).isEqualTo("failed");
        assertThat(chargesFor(orderId)).isZero();
        assertThat(order(customer, orderId).path("status").asString()).isEqualTo("awaiting_payment");
        Api.Response again = payAtStripe(customer, orderId, UUID.randomUUID().toString());
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        awaitPaid(customer, orderId);
        assertThat(chargesFor(orderId)).isEqualTo(1);
        System.out.printf(
                "FAULT stalled-payment-never-charged: the stalled payment answered %d, failed (%s) after the"
                        + " give-up bound, the order was payable again and paid with one charge; payments before %d"
                        + " after %d; lost 0, duplicated 0%n",
                stalled.status(),
                jdbc.sql("SELECT failure_code FROM payments WHERE id = :id")
                        .param("id", lost)
                        .query(String.class)
                        .single(),
                paymentsBefore,
                count("SELECT count(*) FROM payments"));
    }

    private Api.Response payAtStripe(Session customer, UUID orderId, String key) {
        return stripeApi
                .post("/api/orders/" + orderId + "/payments")
                .token(customer.accessToken())
                .header("Idempotency-Key", key)
                .json(Map.of("paymentMethod", "pm_card_visa"))
                .send();
    }

    private void reconcileNow(UUID paymentId) {
        jdbc.sql("UPDATE payments SET next_check_at = now() WHERE id = :id AND status = 'processing'")
                .param("id", paymentId)
                .update();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> !paymentStatus(paymentId).equals("processing"));
    }

    private String paymentStatus(UUID id) {
        return jdbc.sql("SELECT status FROM payments WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private long chargesFor(UUID orderId) {
        return intents.values().stream()
                .filter(intent -> orderId.toString()
                        .equals(intent.path("metadata").path("miyabi_order_id").asString()))
                .count();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    // ---- the provider -----------------------------------------------------------------------------

    private Fault stripe(FaultyHttpServer.Request request) {
        String path = request.path();
        if (request.method().equals("POST") && path.equals("/v1/payment_intents")) {
            Map<String, String> form = form(request.body());
            String key = request.headers()
                    .getOrDefault("idempotency-key", UUID.randomUUID().toString());
            return switch (charging) {
                case STALL_BEFORE_CHARGING -> new Fault.Stall();
                case CHARGE_THEN_STALL_MID_BODY ->
                    new Fault.StallMidBody(charge(key, form).toString());
                case ANSWER -> Fault.ok(charge(key, form).toString());
            };
        }
        if (request.method().equals("GET") && path.startsWith("/v1/payment_intents/search")) {
            String query = URLDecoder.decode(path, StandardCharsets.UTF_8);
            ObjectNode result = JSON.createObjectNode().put("object", "search_result");
            var data = result.putArray("data");
            intents.values().stream()
                    .filter(intent -> query.contains(
                            intent.path("metadata").path("miyabi_payment_id").asString()))
                    .forEach(data::add);
            return Fault.ok(result.toString());
        }
        if (request.method().equals("GET") && path.startsWith("/v1/payment_intents/")) {
            String id = path.substring("/v1/payment_intents/".length()).replaceAll("\\?.*", "");
            return intents.values().stream()
                    .filter(intent -> intent.path("id").asString().equals(id))
                    .findFirst()
                    .<Fault>map(intent -> Fault.ok(intent.toString()))
                    .orElseGet(() -> Fault.status(
                            404, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\"}}"));
        }
        return Fault.status(404, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Unknown path\"}}");
    }

    /** Creates the PaymentIntent, or returns the one made earlier with this key. */
    private ObjectNode charge(String key, Map<String, String> form) {
        return intents.computeIfAbsent(key, k -> {
            ObjectNode intent = JSON.createObjectNode()
                    .put("id", "pi_" + UUID.randomUUID().toString().replace("-", ""))
                    .put("object", "payment_intent")
                    .put("amount", Long.parseLong(form.get("amount")))
                    .put("currency", form.get("currency"))
                    .put("status", "succeeded");
            intent.putArray("payment_method_types").add("card");
            intent.putObject("metadata")
                    .put("miyabi_payment_id", form.get("metadata[miyabi_payment_id]"))
                    .put("miyabi_order_id", form.get("metadata[miyabi_order_id]"));
            return intent;
        });
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }
}
