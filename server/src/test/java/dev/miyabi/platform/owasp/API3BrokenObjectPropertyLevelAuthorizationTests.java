package dev.miyabi.platform.owasp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * API3:2023 Broken Object Property Level Authorization: mass assignment and excessive data exposure.
 *
 * <ul>
 *   <li>fields the server owns — {@code id}, {@code roles}, {@code email} after sign-up, an order's {@code userId},
 *       {@code status}, prices and totals, payment/approval/job links, a job's owner, status, attempts and usage,
 *       a decision's approver — are ignored (or refused) on registration, profile change, order placement, job
 *       submission, product creation and approval decisions;
 *   <li>no answer a customer or an admin can read carries a password hash, a refresh-token digest or another
 *       user's email, walked over every parameterless {@code GET} of {@code /v3/api-docs} at run time; a request's
 *       {@code requesterEmail} reaches its approvers (as docs/api.md says) but no other customer.
 * </ul>
 *
 * Covered elsewhere: {@link dev.miyabi.platform.orders.OrdersIntegrationTests#anOrderIsPlacedAtTheCatalogPriceWhateverTheClientSends()},
 * {@code payments.internal.PaymentsIntegrationTests#theAmountIsTheOrdersTotalWhateverTheClientSends}, {@link
 * dev.miyabi.platform.identity.AdminUsersIntegrationTests#adminChangesRolesAndCustomerIsAlwaysKept()}, {@link
 * dev.miyabi.platform.identity.AuthIntegrationTests#passwordsAreStoredAsArgon2idHashesAndRefreshTokensOnlyAsDigests()},
 * {@link dev.miyabi.platform.approvals.ApprovalWorkflowIntegrationTests#theAuditTrailCannotBeChanged()}, and
 * which fields each event carries to whom in the {@code realtime} tests.
 */
class API3BrokenObjectPropertyLevelAuthorizationTests extends OwaspFixtures {

    @Test
    void signUpAndProfileChangesCannotSetRolesIdsOrEmail() {
        UUID chosenId = UUID.randomUUID();
        String email = "user-" + UUID.randomUUID() + "@example.test";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", PASSWORD);
        body.put("name", "Mallory");
        body.put("id", chosenId.toString());
        body.put("roles", List.of("admin", "approver"));
        body.put("role", "admin");
        body.put("createdAt", "2000-01-01T00:00:00Z");
        Api.Response registered = api.post("/api/auth/register").json(body).send();
        assertThat(registered.status()).as(registered.toString()).isIn(201, 400);
        if (registered.status() == 400) {
            registered = api.post("/api/auth/register")
                    .json(Map.of("email", email, "password", PASSWORD, "name", "Mallory"))
                    .send();
        }
        Session user = session(registered.json());
        assertThat(user.id()).isNotEqualTo(chosenId);
        assertThat(roles(user)).containsExactly("customer");
        assertThat(api.get("/api/admin/users").token(user.accessToken()).send().status())
                .isEqualTo(403);

        Session victim = register();
        Api.Response changed = api.patch("/api/auth/me")
                .token(user.accessToken())
                .json(Map.of(
                        "name", "Mallory Two",
                        "email", victim.email(),
                        "roles", List.of("admin"),
                        "id", victim.id().toString()))
                .send();
        assertThat(changed.status()).as(changed.toString()).isIn(200, 400);
        JsonNode me = api.get("/api/auth/me")
                .token(login(email, PASSWORD).accessToken())
                .send()
                .json();
        assertThat(me.path("id").asString()).isEqualTo(user.id().toString());
        assertThat(me.path("email").asString()).isEqualTo(email);
        assertThat(roles(login(email, PASSWORD))).containsExactly("customer");
        assertThat(login(victim.email(), PASSWORD).id()).isEqualTo(victim.id());
    }

    @Test
    void anOrderBelongsToItsCallerAndStartsWhereTheServerSays() {
        Session customer = register();
        Session other = register();
        String product = createProduct("25.00", "USD", "technical_support");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("productId", product);
        body.put("quantity", 2);
        body.put("userId", other.id().toString());
        body.put("status", "completed");
        body.put("unitPrice", Map.of("amount", "0.01", "currency", "USD"));
        body.put("total", Map.of("amount", "0.02", "currency", "USD"));
        body.put("paymentId", UUID.randomUUID().toString());
        body.put("approvalId", UUID.randomUUID().toString());
        body.put("aiJobId", UUID.randomUUID().toString());
        body.put("completedAt", "2000-01-01T00:00:00Z");
        body.put("timeline", List.of(Map.of("status", "paid")));

        Api.Response placed =
                api.post("/api/orders").token(customer.accessToken()).json(body).send();

        assertThat(placed.status()).as(placed.toString()).isIn(201, 400);
        if (placed.status() == 201) {
            JsonNode order = placed.json();
            assertThat(order.path("userId").asString()).isEqualTo(customer.id().toString());
            assertThat(order.path("status").asString()).isEqualTo("awaiting_payment");
            assertThat(order.path("total").path("amount").asString()).isEqualTo("50.00");
            assertThat(order.path("paymentId").isNull()).isTrue();
            assertThat(order.path("approvalId").isNull()).isTrue();
            assertThat(order.path("aiJobId").isNull()).isTrue();
            assertThat(order.path("completedAt").isNull()).isTrue();
            assertThat(statuses(order)).doesNotContain("paid");
            assertThat(api.get("/api/orders/" + order.path("id").asString())
                            .token(other.accessToken())
                            .send()
                            .status())
                    .isEqualTo(404);
        }
    }

    @Test
    void aJobBelongsToItsCallerWhateverItsBodySays() {
        Session customer = register();
        Session other = register();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "document_generation");
        body.put("input", Map.of("documentType", "faq", "title", "Mass assignment", "audience", "Testers"));
        body.put("userId", other.id().toString());
        body.put("orderId", UUID.randomUUID().toString());
        body.put("status", "completed");
        body.put("attempts", 99);
        body.put("maxAttempts", 1000);
        body.put("priority", 1000);
        body.put("tokenUsage", Map.of("input", 0, "output", 0));

        Api.Response queued = api.post("/api/ai/jobs")
                .token(customer.accessToken())
                .json(body)
                .send();

        assertThat(queued.status()).as(queued.toString()).isIn(202, 400);
        if (queued.status() == 202) {
            JsonNode job = queued.json();
            assertThat(job.path("orderId").isNull()).isTrue();
            assertThat(job.path("attempts").asInt()).isLessThanOrEqualTo(1);
            assertThat(job.path("maxAttempts").asInt()).isLessThan(1000);
            String id = job.path("id").asString();
            assertThat(api.get("/api/ai/jobs/" + id)
                            .token(customer.accessToken())
                            .send()
                            .status())
                    .isEqualTo(200);
            assertThat(api.get("/api/ai/jobs/" + id)
                            .token(other.accessToken())
                            .send()
                            .status())
                    .isEqualTo(404);
        }
    }

    @Test
    void aProductsIdAndVersionAreTheServers() {
        UUID chosen = UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>(product());
        body.put("id", chosen.toString());
        body.put("version", 42);
        body.put("createdAt", "2000-01-01T00:00:00Z");

        Api.Response created = api.post("/api/products")
                .token(adminSession().accessToken())
                .json(body)
                .send();

        assertThat(created.status()).as(created.toString()).isIn(201, 400);
        if (created.status() == 201) {
            assertThat(created.text("id")).isNotEqualTo(chosen.toString());
            assertThat(created.json().path("version").asInt()).isNotEqualTo(42);
            assertThat(created.text("createdAt")).doesNotStartWith("2000");
        }
    }

    @Test
    void aDecisionIsTheCallersWhateverApproverItNames() {
        Session approver = registerWithRoles("approver");
        Session another = registerWithRoles("approver");
        Session requester = register();
        Api.Response placed = placeOrder(requester, createProduct("1200.00", "USD", "business_consulting"), 1, null);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        UUID order = UUID.fromString(placed.text("id"));
        String approvalId = org.awaitility.Awaitility.await()
                .until(() -> order(requester, order).path("approvalId").asString(""), id -> !id.isEmpty());

        Api.Response decided = api.post("/api/approvals/" + approvalId + "/decisions")
                .token(approver.accessToken())
                .json(Map.of(
                        "decision",
                        "request_changes",
                        "comment",
                        "More detail",
                        "approverId",
                        another.id().toString(),
                        "at",
                        "2000-01-01T00:00:00Z"))
                .send();

        assertThat(decided.status()).as(decided.toString()).isIn(200, 400);
        JsonNode request = api.get("/api/approvals/" + approvalId)
                .token(adminSession().accessToken())
                .send()
                .json();
        List<String> deciders = new ArrayList<>();
        request.path("stages")
                .forEach(stage -> stage.path("decisions")
                        .forEach(decision ->
                                deciders.add(decision.path("approverId").asString())));
        assertThat(deciders).doesNotContain(another.id().toString());
        if (decided.status() == 200) {
            assertThat(deciders).containsExactly(approver.id().toString());
        }
        // The requester's email is shown to the approvers (docs/api.md, requesterEmail), to nobody else.
        Api.Response stranger = api.get("/api/approvals/" + approvalId)
                .token(register().accessToken())
                .send();
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.body()).doesNotContain(requester.email());
    }

    @Test
    void noReadableAnswerCarriesSecretsOrAnotherUsersEmail() {
        Session a = register();
        assertThat(placeOrder(a, createProduct("10.00", "USD", "technical_support"), 1, "notes")
                        .status())
                .isEqualTo(201);
        Session b = register();
        Session approver = registerWithRoles("approver");
        List<String> defects = new ArrayList<>();
        for (Operation operation : operations()) {
            if (!operation.method().equals("GET") || operation.hasPathVariable()) {
                continue;
            }
            String path = operation.path()
                    + (operation.path().equals("/api/search") ? "?q=notes" : "")
                    + (operation.path().equals("/api/admin/metrics/summary") ? "?hours=1" : "");
            for (Session reader : new Session[] {b, approver, adminSession()}) {
                Api.Response response =
                        api.get(path).token(reader.accessToken()).send();
                String body = response.body().toLowerCase(java.util.Locale.ROOT);
                for (String secret : List.of(
                        "$argon2", "passwordhash", "password_hash", "\"password\"", "tokenhash", "token_hash")) {
                    if (body.contains(secret)) {
                        defects.add(operation + " as " + reader.email() + " carries " + secret);
                    }
                }
                @Nullable String leak = reader == adminSession() ? null : a.email();
                if (leak != null && response.body().contains(leak)) {
                    defects.add(operation + " as " + reader.email() + " carries " + leak);
                }
            }
        }
        assertThat(defects).isEmpty();
    }

    private List<String> roles(Session user) {
        List<String> roles = new ArrayList<>();
        api.get("/api/auth/me")
                .token(user.accessToken())
                .send()
                .json()
                .path("roles")
                .forEach(role -> roles.add(role.asString()));
        return roles;
    }
}
