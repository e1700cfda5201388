package dev.miyabi.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Customers ordering as the web UI does: place with an {@code Idempotency-Key}, get approval if needed, pay. */
final class Shop {

    private Shop() {}

    /** Places an order and answers it (201 expected). */
    static JsonNode place(String base, Api.Session customer, UUID product, Object input, String key) throws Exception {
        Api.Answer answer = Api.call(
                base,
                "POST",
                "/api/orders",
                customer.token(),
                key,
                Map.of("productId", product.toString(), "quantity", 1, "input", input));
        if (answer.status() != 201) {
            throw new IllegalStateException("placing answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    /** An order awaiting approval is approved by the admin (the default policy's stage goes to the admins). */
    static void approveIfNeeded(String base, Api.Session admin, Api.Session customer, JsonNode order) {
        if (!"awaiting_approval".equals(order.get("status").asString())) {
            return;
        }
        String path = "/api/approvals/" + order.get("approvalId").asString() + "/decisions";
        Api.expect(200, base, "POST", path, admin.token(), Map.of("decision", "approve", "comment", "fine"));
        String id = order.get("id").asString();
        await("order " + id + " to await payment")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> "awaiting_payment"
                        .equals(Api.expect(200, base, "GET", "/api/orders/" + id, customer.token(), null)
                                .get("status")
                                .asString()));
    }

    /** Pays with the sandbox's always-accepted card and answers the response. */
    static Api.Answer pay(String base, Api.Session customer, String orderId, String key) throws Exception {
        return Api.call(
                base,
                "POST",
                "/api/orders/" + orderId + "/payments",
                customer.token(),
                key,
                Map.of("paymentMethod", "pm_card_visa"));
    }
}
