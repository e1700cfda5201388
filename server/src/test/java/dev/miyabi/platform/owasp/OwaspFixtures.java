package dev.miyabi.platform.owasp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.CommerceFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What the OWASP suite shares: the server's own {@code /v3/api-docs} read at run time (so a new endpoint is
 * covered without anyone adding it) and a customer's resources of every kind made over HTTP.
 */
abstract class OwaspFixtures extends CommerceFixtures {

    /** One operation of the API document. */
    record Operation(String method, String path, JsonNode spec) {

        boolean hasPathVariable() {
            return path.contains("{");
        }

        boolean hasQueryParameter(String name) {
            for (JsonNode parameter : spec.path("parameters")) {
                if (name.equals(parameter.path("name").asString())
                        && "query".equals(parameter.path("in").asString())) {
                    return true;
                }
            }
            return false;
        }

        String key() {
            return method + " " + path;
        }

        @Override
        public String toString() {
            return key();
        }
    }

    protected JsonNode apiDocument() {
        Api.Response document = api.get("/v3/api-docs").send();
        assertThat(document.status()).as(document.toString()).isEqualTo(200);
        return document.json();
    }

    /** Every operation the running server documents, test-only probes left out. */
    protected List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        apiDocument().path("paths").properties().forEach(path -> {
            if (path.getKey().startsWith("/api/test/")) {
                return;
            }
            path.getValue()
                    .properties()
                    .forEach(operation -> operations.add(new Operation(
                            operation.getKey().toUpperCase(java.util.Locale.ROOT),
                            path.getKey(),
                            operation.getValue())));
        });
        assertThat(operations).as("operations in /v3/api-docs").hasSizeGreaterThan(40);
        return operations;
    }

    /** A customer's resources of every kind: orders, a payment, an approval request, a job, an upload. */
    record Owned(
            Session owner,
            String secret,
            UUID paidOrder,
            UUID payment,
            UUID approvalOrder,
            UUID approval,
            UUID job,
            UUID upload) {}

    protected Owned ownedResources() {
        Session owner = register();
        String secret = "secret-" + UUID.randomUUID();
        Api.Response placed = placeOrder(owner, createProduct("10.00", "USD", "technical_support"), 1, secret);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        UUID paidOrder = UUID.fromString(placed.text("id"));
        Api.Response paid = pay(owner, paidOrder, "pm_card_visa");
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        UUID payment = UUID.fromString(paid.text("id"));

        Api.Response big = placeOrder(owner, createProduct("1500.00", "USD", "business_consulting"), 1, secret);
        assertThat(big.status()).as(big.toString()).isEqualTo(201);
        UUID approvalOrder = UUID.fromString(big.text("id"));
        UUID approval = UUID.fromString(await().atMost(Duration.ofSeconds(20))
                .until(() -> order(owner, approvalOrder).path("approvalId").asString(""), id -> !id.isEmpty()));

        Map<String, Object> input = new LinkedHashMap<>();
        input.put("documentType", "faq");
        input.put("title", "Questions " + secret);
        input.put("audience", "Testers");
        Api.Response job = api.post("/api/ai/jobs")
                .token(owner.accessToken())
                .json(Map.of("type", "document_generation", "input", input))
                .send();
        assertThat(job.status()).as(job.toString()).isEqualTo(202);

        grantSearchPlan(owner);
        byte[] file = ("# Notes " + secret + "\n\nPrivate text of the owner.")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Api.Response upload = api.post("/api/search/uploads")
                .token(owner.accessToken())
                .multipart("file", "notes.md", "text/markdown", file)
                .send();
        assertThat(upload.status()).as(upload.toString()).isEqualTo(201);
        return new Owned(
                owner,
                secret,
                paidOrder,
                payment,
                approvalOrder,
                approval,
                UUID.fromString(job.text("id")),
                UUID.fromString(upload.text("id")));
    }

    /** Gives the user an active search plan the way a customer gets one: an ai_search_service order, paid. */
    protected void grantSearchPlan(Session user) {
        Api.Response plan = placeOrder(user, createProduct("49.00", "USD", "ai_search_service"), 1, null);
        assertThat(plan.status()).as(plan.toString()).isEqualTo(201);
        Api.Response paid = pay(user, UUID.fromString(plan.text("id")), "pm_card_visa");
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/search/uploads")
                                .token(user.accessToken())
                                .send()
                                .status()
                        == 200);
    }

    /** The id of some agent task on the board. */
    protected UUID anyAgentTask() {
        JsonNode tasks = api.get("/api/agents/tasks?size=1")
                .token(adminSession().accessToken())
                .send()
                .json();
        assertThat(tasks.path("items")).as("agent tasks").isNotEmpty();
        return UUID.fromString(tasks.path("items").get(0).path("id").asString());
    }

    /** The id of some approval policy. */
    protected UUID anyPolicy() {
        JsonNode policies = api.get("/api/approval-policies?size=1")
                .token(adminSession().accessToken())
                .send()
                .json();
        assertThat(policies.path("items")).as("approval policies").isNotEmpty();
        return UUID.fromString(policies.path("items").get(0).path("id").asString());
    }

    /** A well-formed body for an operation, so that what the server answers is about who asks, not what. */
    protected static Object validBody(Operation operation) {
        return switch (operation.key()) {
            case "PATCH /api/orders/{id}" -> Map.of("input", "Revised notes");
            case "POST /api/orders/{id}/cancel" -> Map.of("reason", "Not mine");
            case "POST /api/orders/{id}/complete" -> Map.of("note", "Done");
            case "POST /api/orders/{id}/payments" -> Map.of("paymentMethod", "pm_card_visa");
            case "POST /api/payments/{id}/refunds" -> Map.of("amount", "1.00", "reason", "Refund");
            case "POST /api/approvals/{id}/decisions" -> Map.of("decision", "reject", "comment", "No");
            case "PUT /api/admin/users/{id}/roles" -> Map.of("roles", List.of("admin", "approver"));
            case "PUT /api/admin/token-budgets/roles/{role}", "PUT /api/admin/token-budgets/users/{userId}" ->
                Map.of("monthlyTokens", 0);
            case "POST /api/products", "PUT /api/products/{id}" -> product();
            case "POST /api/approval-policies", "PUT /api/approval-policies/{id}" -> policy();
            case "POST /api/ai/jobs" ->
                Map.of(
                        "type",
                        "document_generation",
                        "input",
                        Map.of("documentType", "faq", "title", "Questions", "audience", "Testers"));
            default -> Map.of();
        };
    }

    static Map<String, Object> product() {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("name", "Owasp product");
        product.put("description", "Made by an attacker");
        product.put("price", Map.of("amount", "0.01", "currency", "USD"));
        product.put("category", "technical_support");
        product.put("status", "active");
        product.put("version", 0);
        return product;
    }

    static Map<String, Object> policy() {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("name", "Owasp policy");
        policy.put("active", false);
        policy.put("priority", 1);
        policy.put(
                "appliesTo",
                Map.of(
                        "resourceType",
                        "order",
                        "minAmount",
                        "1.00",
                        "currency",
                        "CHF",
                        "categories",
                        List.of("technical_support")));
        policy.put(
                "stages",
                List.of(Map.of(
                        "name",
                        "Review",
                        "approverRole",
                        "approver",
                        "mode",
                        "any",
                        "timeoutHours",
                        24,
                        "onTimeout",
                        "escalate")));
        policy.put("version", 0);
        return policy;
    }

    /** Sends an operation with a well-formed body (and an {@code Idempotency-Key} where one may be needed). */
    protected Api.Response call(Operation operation, String path, @org.jspecify.annotations.Nullable Session caller) {
        Api.Request request = api.raw(operation.method(), path).token(caller == null ? null : caller.accessToken());
        if (!operation.method().equals("GET") && !operation.method().equals("DELETE")) {
            request.header("Idempotency-Key", UUID.randomUUID().toString()).json(validBody(operation));
        }
        if (operation.method().equals("PUT")) {
            request.header("If-Match", "\"0\"");
        }
        return request.send();
    }
}
