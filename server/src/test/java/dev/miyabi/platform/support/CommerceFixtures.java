package dev.miyabi.platform.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Products, orders, payments and approvals made over HTTP as a client would, for the tests of the
 * modules that carry an order forward (payments, approvals).
 */
public abstract class CommerceFixtures extends IntegrationTest {

    private @Nullable Session admin;

    /** The admin, signed in once per test. */
    protected Session adminSession() {
        if (admin == null) {
            admin = admin();
        }
        return admin;
    }

    protected String createProduct(String price, String currency, String category) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", category + " product " + UUID.randomUUID());
        body.put("price", Map.of("amount", price, "currency", currency));
        body.put("category", category);
        body.put("status", "active");
        Api.Response created = api.post("/api/products")
                .token(adminSession().accessToken())
                .json(body)
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    protected Api.Response placeOrder(Session customer, String productId, int quantity, @Nullable Object input) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("productId", productId);
        body.put("quantity", quantity);
        if (input != null) {
            body.put("input", input);
        }
        return api.post("/api/orders").token(customer.accessToken()).json(body).send();
    }

    /** An order of a new support product at {@code price} USD that awaits payment. */
    protected UUID orderAwaitingPayment(Session customer, String price) {
        Api.Response placed = placeOrder(customer, createProduct(price, "USD", "technical_support"), 1, null);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.text("status")).isEqualTo("awaiting_payment");
        return UUID.fromString(placed.text("id"));
    }

    protected Api.Response pay(Session customer, UUID orderId, String paymentMethod, String idempotencyKey) {
        return api.post("/api/orders/" + orderId + "/payments")
                .token(customer.accessToken())
                .header("Idempotency-Key", idempotencyKey)
                .json(Map.of("paymentMethod", paymentMethod))
                .send();
    }

    protected Api.Response pay(Session customer, UUID orderId, String paymentMethod) {
        return pay(customer, orderId, paymentMethod, UUID.randomUUID().toString());
    }

    protected JsonNode order(Session reader, UUID orderId) {
        Api.Response response =
                api.get("/api/orders/" + orderId).token(reader.accessToken()).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /**
     * The order once it has been paid. Paid orders move on to their fulfilment by themselves (a
     * support order becomes {@code fulfilling} at once), so "paid" is read from the timeline.
     */
    protected JsonNode awaitPaid(Session reader, UUID orderId) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> statuses(order(reader, orderId)).contains("paid"));
        JsonNode order = order(reader, orderId);
        assertThat(order.path("status").asString()).isIn("paid", "fulfilling", "completed");
        return order;
    }

    /** The timeline entry of the (first) given status. */
    protected static JsonNode entry(JsonNode order, String status) {
        for (JsonNode entry : order.path("timeline")) {
            if (status.equals(entry.path("status").asString())) {
                return entry;
            }
        }
        throw new AssertionError("no " + status + " entry in " + order.path("timeline"));
    }

    protected static List<String> statuses(JsonNode order) {
        return order.path("timeline").findValuesAsString("status");
    }

    protected static Map<String, Object> courseInput() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("topic", "Negotiation for engineers");
        input.put("targetAudience", "Engineers who lead projects");
        input.put("difficulty", "intermediate");
        input.put("estimatedHours", 8);
        input.put("learningObjectives", List.of("Prepare", "Anchor", "Close"));
        input.put("format", "text");
        input.put("language", "en");
        return input;
    }
}
