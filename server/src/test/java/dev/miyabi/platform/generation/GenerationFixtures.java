package dev.miyabi.platform.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.orders.Orders;
import dev.miyabi.platform.orders.TimelineNote;
import dev.miyabi.platform.shared.Actor;
import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.IntegrationTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Products, orders, payments and jobs for the generation and fulfilment tests, over HTTP where a client would. */
public abstract class GenerationFixtures extends IntegrationTest {

    @Autowired
    protected Orders orders;

    private @Nullable Session admin;

    protected Session adminSession() {
        if (admin == null) {
            admin = admin();
        }
        return admin;
    }

    protected String product(String category) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", category + " " + UUID.randomUUID().toString().substring(0, 8));
        body.put("price", Map.of("amount", "49.00", "currency", "USD"));
        body.put("category", category);
        body.put("status", "active");
        Api.Response created = api.post("/api/products")
                .token(adminSession().accessToken())
                .json(body)
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    /** Places an order and pays it (through the orders facade, as the payments module will). */
    protected UUID paidOrder(Session customer, String productId, int quantity, @Nullable Object input) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("productId", productId);
        body.put("quantity", quantity);
        if (input != null) {
            body.put("input", input);
        }
        Api.Response placed =
                api.post("/api/orders").token(customer.accessToken()).json(body).send();
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        UUID orderId = UUID.fromString(placed.text("id"));
        orders.markPaid(
                orderId,
                UUID.randomUUID(),
                Actor.agent("204", "PaymentProcessorAgent"),
                TimelineNote.of(TimelineNote.Kind.PAID, "Test payment"));
        return orderId;
    }

    protected JsonNode order(Session reader, UUID orderId) {
        Api.Response response =
                api.get("/api/orders/" + orderId).token(reader.accessToken()).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    protected JsonNode awaitOrder(Session reader, UUID orderId, String status) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> order(reader, orderId),
                        order -> order.path("status").asString().equals(status));
    }

    protected JsonNode job(Session reader, String jobId) {
        Api.Response response =
                api.get("/api/ai/jobs/" + jobId).token(reader.accessToken()).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    protected JsonNode awaitJob(Session reader, String jobId, String status) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> job(reader, jobId),
                        job -> job.path("status").asString().equals(status));
    }

    protected Api.Response submit(Session customer, String type, Object input) {
        return api.post("/api/ai/jobs")
                .token(customer.accessToken())
                .json(Map.of("type", type, "input", input))
                .send();
    }

    protected static Map<String, Object> courseInput(String topic, String language, double hours) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("topic", topic);
        input.put("targetAudience", "Analysts new to programming");
        input.put("difficulty", "beginner");
        input.put("estimatedHours", hours);
        input.put(
                "learningObjectives",
                language.equals("ja")
                        ? List.of("データを読み込む", "データを整える", "結果を可視化する")
                        : List.of("Load data", "Clean data", "Plot results"));
        input.put("format", "text");
        input.put("language", language);
        return input;
    }

    protected static Map<String, Object> documentInput(String title) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("documentType", "proposal");
        input.put("title", title);
        input.put("audience", "The board of Acme Corp");
        input.put("tone", "persuasive");
        input.put("dataPoints", Map.of("budgetUsd", 120000, "teamSize", 6, "milestones", List.of("Pilot", "Rollout")));
        input.put("language", "en");
        return input;
    }

    protected static List<String> statuses(JsonNode order) {
        return order.path("timeline").findValuesAsString("status");
    }
}
