package dev.miyabi.platform.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.shared.Actor;
import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Products and orders made over HTTP, as a client would, for the orders tests. */
abstract class OrderFixtures extends IntegrationTest {

    @Autowired
    protected Orders orders;

    @Autowired
    private PlatformTransactionManager transactions;

    /**
     * Runs facade calls in one transaction. A paid order is routed to its fulfilment when the payment
     * commits; a test that drives the next steps itself pays and takes the next step together, so the
     * fulfilment finds the order already moved on and stays out.
     */
    protected <T> T inOneTransaction(java.util.function.Supplier<T> work) {
        return new TransactionTemplate(transactions).execute(status -> work.get());
    }

    /** Waits until the fulfilment has taken a paid order on (it becomes {@code fulfilling}). */
    protected JsonNode awaitFulfilling(Session reader, UUID orderId) {
        return org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(
                        () -> order(reader, orderId),
                        o -> o.path("status").asString().equals("fulfilling"));
    }

    private @Nullable Session admin;

    /** The admin, signed in once per test. */
    protected Session adminSession() {
        if (admin == null) {
            admin = admin();
        }
        return admin;
    }

    protected String createProduct(String price, String category) {
        return createProduct(price, "USD", category, "active");
    }

    protected String createProduct(String price, String currency, String category, String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", category + " product " + UUID.randomUUID());
        body.put("price", Map.of("amount", price, "currency", currency));
        body.put("category", category);
        body.put("status", status);
        Api.Response created = api.post("/api/products")
                .token(adminSession().accessToken())
                .json(body)
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    protected Api.Response place(Session customer, String productId, int quantity, @Nullable Object input) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("productId", productId);
        body.put("quantity", quantity);
        if (input != null) {
            body.put("input", input);
        }
        return api.post("/api/orders").token(customer.accessToken()).json(body).send();
    }

    /** Places an order that awaits payment; returns its id. */
    protected UUID placed(Session customer, String productId) {
        Api.Response response = place(customer, productId, 1, null);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.text("status")).isEqualTo("awaiting_payment");
        return UUID.fromString(response.text("id"));
    }

    protected JsonNode order(Session reader, UUID orderId) {
        Api.Response response =
                api.get("/api/orders/" + orderId).token(reader.accessToken()).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    protected static List<String> statuses(JsonNode order) {
        return order.path("timeline").findValuesAsString("status");
    }

    protected static Map<String, Object> courseInput() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("topic", "Python for data analysis");
        input.put("targetAudience", "Analysts new to programming");
        input.put("difficulty", "beginner");
        input.put("estimatedHours", 6);
        input.put("learningObjectives", List.of("Load data", "Clean data", "Plot results"));
        input.put("format", "text");
        input.put("language", "en");
        return input;
    }

    protected static Actor agent() {
        return Actor.agent("204", "PaymentProcessorAgent");
    }
}
