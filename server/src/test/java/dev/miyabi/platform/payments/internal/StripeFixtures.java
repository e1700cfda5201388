package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.support.IntegrationTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockResponse;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe's wire format for the tests: object ids, PaymentIntents and events as Stripe sends them, the
 * signature of a webhook delivery, and what a local Stripe server reads (form bodies) and answers (JSON).
 */
final class StripeFixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private StripeFixtures() {}

    /** A fresh Stripe object id with the given prefix ({@code pi}, {@code ch}, {@code re}). */
    static String stripeId(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A card PaymentIntent in USD; {@code paymentId} becomes its {@code miyabi_payment_id} metadata. */
    static ObjectNode paymentIntent(String id, @Nullable UUID paymentId, String status, long amount) {
        ObjectNode intent = JSON.createObjectNode()
                .put("id", id)
                .put("object", "payment_intent")
                .put("amount", amount)
                .put("currency", "usd")
                .put("status", status);
        ObjectNode metadata = intent.putObject("metadata");
        if (paymentId != null) {
            metadata.put("miyabi_payment_id", paymentId.toString());
        }
        intent.putArray("payment_method_types").add("card");
        return intent;
    }

    /** An event of {@code type} about {@code object}, created now. */
    static String event(String type, ObjectNode object) {
        ObjectNode event = JSON.createObjectNode()
                .put("id", stripeId("evt"))
                .put("object", "event")
                .put("type", type)
                .put("api_version", "2024-06-20")
                .put("created", Instant.now().getEpochSecond());
        event.putObject("data").set("object", object);
        return event.toString();
    }

    /** The {@code Stripe-Signature} header of a delivery of {@code body} at {@code at}, with the tests' secret. */
    static String signature(String body, Instant at) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1="
                + StripeSignature.sign(IntegrationTest.STRIPE_WEBHOOK_SECRET, t, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON answer of a local Stripe server. */
    static MockResponse json(int code, String body) {
        return new MockResponse(code, Headers.of("Content-Type", "application/json"), body);
    }

    /** The fields of a form-encoded request body, as Stripe reads them. */
    static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return fields;
        }
        Arrays.stream(body.split("&")).forEach(pair -> {
            int equals = pair.indexOf('=');
            fields.put(
                    URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        });
        return fields;
    }
}
