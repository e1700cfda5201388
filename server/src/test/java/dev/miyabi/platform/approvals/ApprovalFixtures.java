package dev.miyabi.platform.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.CommerceFixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;

/**
 * Policies, orders and decisions for the approval tests. Each test's policies apply to one currency
 * of its own and outrank the default policy, so tests never see each other's policies; they are
 * deleted afterwards.
 */
abstract class ApprovalFixtures extends CommerceFixtures {

    private final List<String> policies = new ArrayList<>();

    @AfterEach
    void deletePolicies() {
        for (String id : policies) {
            api.delete("/api/approval-policies/" + id)
                    .token(adminSession().accessToken())
                    .send();
        }
    }

    static Map<String, Object> stage(String name, String mode, List<UUID> approverIds) {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("name", name);
        stage.put("approverIds", approverIds.stream().map(UUID::toString).toList());
        stage.put("mode", mode);
        return stage;
    }

    static Map<String, Object> roleStage(String name, String role) {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("name", name);
        stage.put("approverRole", role);
        stage.put("mode", "any");
        return stage;
    }

    static Map<String, Object> withTimeout(Map<String, Object> stage, int hours, String onTimeout) {
        Map<String, Object> copy = new LinkedHashMap<>(stage);
        copy.put("timeoutHours", hours);
        copy.put("onTimeout", onTimeout);
        return copy;
    }

    /** A policy for every order in {@code currency} (and above {@code minAmount}), outranking the default. */
    protected JsonNode createPolicy(String currency, String minAmount, List<Map<String, Object>> stages) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Test policy " + currency + " " + UUID.randomUUID());
        body.put("priority", 100);
        body.put("appliesTo", Map.of("resourceType", "order", "minAmount", minAmount, "currency", currency));
        body.put("stages", stages);
        Api.Response created = api.post("/api/approval-policies")
                .token(adminSession().accessToken())
                .json(body)
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        policies.add(created.text("id"));
        return created.json();
    }

    /** Places an order of a new consulting product at {@code price} in {@code currency}; returns the order. */
    protected JsonNode placeFor(Session customer, String price, String currency) {
        Api.Response placed = placeOrder(customer, createProduct(price, currency, "business_consulting"), 1, null);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed.json();
    }

    /** An order awaiting approval; returns its approval request id. */
    protected UUID awaitingApproval(Session customer, String price, String currency) {
        JsonNode order = placeFor(customer, price, currency);
        assertThat(order.path("status").asString()).isEqualTo("awaiting_approval");
        return UUID.fromString(order.path("approvalId").asString());
    }

    protected Api.Response decide(Session approver, UUID requestId, String decision, @Nullable String comment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        if (comment != null) {
            body.put("comment", comment);
        }
        return api.post("/api/approvals/" + requestId + "/decisions")
                .token(approver.accessToken())
                .json(body)
                .send();
    }

    protected JsonNode approval(Session reader, UUID requestId) {
        Api.Response response = api.get("/api/approvals/" + requestId)
                .token(reader.accessToken())
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** The approver's "asked me" view: requests that asked them or that they decided, in {@code status}. */
    protected List<String> askedMe(Session approver, String status) {
        return api.get("/api/approvals?askedMe=true&size=100&status=" + status)
                .token(approver.accessToken())
                .send()
                .json()
                .path("items")
                .findValuesAsString("id");
    }

    protected List<String> inbox(Session approver) {
        return api.get("/api/approvals?status=pending&assignedToMe=true&size=100")
                .token(approver.accessToken())
                .send()
                .json()
                .path("items")
                .findValuesAsString("id");
    }

    protected String orderStatus(Session reader, String orderId) {
        return order(reader, UUID.fromString(orderId)).path("status").asString();
    }

    protected static List<String> actions(JsonNode request) {
        return request.path("audit").findValuesAsString("action");
    }
}
