package dev.miyabi.platform.state;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.realtime.ClientEvents;
import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.IntegrationTest;
import dev.miyabi.platform.support.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/state} and {@code state.updated} as clients see them (API.md "Agents, tasks, state, metrics"). */
class StateApiIntegrationTests extends IntegrationTest {

    @Autowired
    ClientEvents clientEvents;

    @Test
    void theStateIsForAdminsOnly() {
        assertProblem(api.get("/api/state").send(), 401, "unauthorized");
        assertProblem(api.get("/api/state").token(register().accessToken()).send(), 403, "forbidden");
        assertProblem(
                api.get("/api/state")
                        .token(registerWithRoles("approver").accessToken())
                        .send(),
                403,
                "forbidden");

        Api.Response response =
                api.get("/api/state").token(admin().accessToken()).send();
        assertThat(response.status()).isEqualTo(200);
        JsonNode state = response.json();
        assertThat(state.path("version").asLong()).isPositive().isLessThanOrEqualTo(clientEvents.position());
        assertThat(state.path("lastUpdated").asString()).isNotBlank();
        JsonNode agents = state.path("agentState").path("agents");
        assertThat(agents.findValuesAsString("type"))
                .containsExactly(
                        "course_generator",
                        "document_generator",
                        "content_search",
                        "payment_processor",
                        "approval_workflow");
        assertThat(agents.get(0).path("id").asInt()).isEqualTo(201);
        assertThat(agents.get(0).path("status").asString()).isIn("idle", "busy");
        assertThat(state.path("agentState").has("queue")).isTrue();
        JsonNode counts = state.path("businessState").path("counts");
        assertThat(counts.propertyNames()).containsExactly("products", "orders", "aiJobs", "payments", "approvals");
        assertThat(counts.path("orders").propertyNames())
                .contains("pending", "awaiting_payment", "completed", "cancelled");
        assertThat(counts.path("aiJobs").propertyNames())
                .containsExactly("queued", "running", "completed", "failed", "cancelled");
        assertThat(counts.path("payments").propertyNames())
                .containsExactly("processing", "succeeded", "failed", "partially_refunded", "refunded");
        assertThat(counts.path("approvals").propertyNames())
                .containsExactly("pending", "approved", "rejected", "changes_requested", "expired", "cancelled");
        JsonNode users = state.path("userState");
        assertThat(users.path("registeredUsers").asLong()).isPositive();
        assertThat(users.path("instances").isArray()).isTrue();
    }

    /**
     * Admins receive {@code state.updated} while events flow — coalesced to at most two a second, the
     * last one with the state after the last event; customers subscribing to {@code state} get nothing.
     */
    @Test
    void adminsReceiveCoalescedStateUpdatesAndCustomersNone() {
        Session admin = admin();
        Session customer = register();
        String product = product(admin);
        try (WsClient adminWs = WsClient.authenticated(port, admin.accessToken());
                WsClient customerWs = WsClient.authenticated(port, customer.accessToken())) {
            adminWs.subscribe(List.of("state"), null);
            customerWs.subscribe(List.of("state"), null);
            adminWs.drain(Duration.ofMillis(700)); // an update already under way

            long started = System.nanoTime();
            String last = null;
            for (int i = 0; i < 12; i++) { // 24 order events
                last = place(customer, product);
            }
            List<JsonNode> updates = new ArrayList<>(adminWs.drain(Duration.ofMillis(1500)));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            assertThat(updates)
                    .isNotEmpty()
                    .allSatisfy(
                            update -> assertThat(update.path("type").asString()).isEqualTo("state.updated"));
            // One per 500 ms beat at most (+1 for a beat straddling the start).
            assertThat((long) updates.size()).isLessThanOrEqualTo(elapsed.toMillis() / 500 + 1);
            JsonNode latest = updates.getLast().path("payload");
            assertThat(latest.path("resourceType").asString()).isEqualTo("state");
            List<String> recent =
                    latest.path("businessState").path("recentOrders").findValuesAsString("id");
            assertThat(recent).contains(last);
            assertThat(latest.path("version").asLong()).isEqualTo(clientEvents.position());
            assertThat(customerWs.drain(Duration.ofMillis(200))).isEmpty();
        }
    }

    private String product(Session admin) {
        Api.Response created = api.post("/api/products")
                .token(admin.accessToken())
                .json(Map.of(
                        "name",
                        "Consulting " + UUID.randomUUID(),
                        "price",
                        Map.of("amount", "50.00", "currency", "USD"),
                        "category",
                        "business_consulting"))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    private String place(Session customer, String product) {
        Api.Response placed = api.post("/api/orders")
                .token(customer.accessToken())
                .json(Map.of("productId", product, "quantity", 1))
                .send();
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed.text("id");
    }
}
