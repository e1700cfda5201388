package dev.miyabi.platform.owasp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * API1:2023 Broken Object Level Authorization. Every operation of {@code /v3/api-docs} that takes an id in its
 * path is called, read at run time (a new one fails the test until it has a resource here), by every kind of
 * caller on a customer A's resource — orders, payments and refunds, approval requests and decisions, AI jobs and
 * their results, library uploads — and on the ids only roles reach (users' roles and budgets, policies, products,
 * agent tasks):
 *
 * <ul>
 *   <li>anonymous → 401 (a product's public page aside);
 *   <li>customer B → 404 for A's resources, 403 (or 404) for what a role reaches, and the answer carries none of
 *       A's data (email, notes, ids other than the one asked for);
 *   <li>an approver → the same, except the approval request they are asked to decide and the agent tasks they
 *       may read;
 *   <li>an admin → reads A's orders, payments, requests and jobs, but not A's private library (404);
 *   <li>afterwards A's resources are as they were: no write of anyone else went through.
 * </ul>
 *
 * Cases tests elsewhere cover for single resources: {@link
 * dev.miyabi.platform.orders.OrdersIntegrationTests#anotherUsersOrderIsNotFound()}, {@link
 * dev.miyabi.platform.generation.AiJobsApiIntegrationTests#anotherUsersJobIsNotFoundAndAdminsSeeEveryJob()},
 * {@code payments.internal.PaymentsIntegrationTests#ownersAndAdminsReadPaymentsOthersGetNotFound}, {@code
 * search.internal.SearchIntegrationTests#uploadsAreReadIndexedAndPrivateAndLeaveTheIndexWhenDeleted}, {@link
 * dev.miyabi.platform.approvals.ApprovalWorkflowIntegrationTests#requestersListTheirOwnApproversTheirInboxAdminsEverything()},
 * {@link dev.miyabi.platform.realtime.RealtimeWebSocketIntegrationTests#aPerResourceTopicOfSomeoneElsesResourceIsNotFoundAndYieldsNothing()}
 * (the same rule over the WebSocket), and {@code shared.ApiSweepIntegrationTests} (another customer's token on
 * every operation, with bad input).
 */
class API1ObjectLevelAuthorizationTests extends OwaspFixtures {

    @Test
    void noCallerReachesAnotherUsersObjectThroughAnyIdTakingEndpoint() {
        // The approver holds the role before A's request opens, so its stage asks them.
        Session approver = registerWithRoles("approver");
        Owned a = ownedResources();
        Session b = register();
        grantSearchPlan(b);
        Session admin = adminSession();
        UUID task = anyAgentTask();
        UUID policy = anyPolicy();
        UUID product = UUID.fromString(createProduct("5.00", "USD", "technical_support"));
        JsonNode orderBefore = order(a.owner(), a.paidOrder());
        String approvalBefore = approval(a.owner(), a.approval()).path("status").asString();

        List<String> defects = new ArrayList<>();
        int calls = 0;
        for (Operation operation : operations()) {
            if (!operation.hasPathVariable() || operation.path().startsWith("/api/payments/webhooks/")) {
                continue; // the webhooks' {provider} names no object; they are signed, not authorised
            }
            Target target = target(operation, a, task, policy, product);
            if (target == null) {
                defects.add(operation + ": no resource of customer A for this id; add one to the test");
                continue;
            }
            for (Caller caller : Caller.values()) {
                Session session = switch (caller) {
                    case ANONYMOUS -> null;
                    case OTHER_CUSTOMER -> b;
                    case APPROVER -> approver;
                    case ADMIN -> admin;
                };
                Expected expected = expected(operation, target, caller);
                if (expected == Expected.SKIP) {
                    continue;
                }
                Api.Response response = call(operation, target.path(), session);
                calls++;
                String verdict = judge(expected, response, a, target.path());
                if (verdict != null) {
                    defects.add(operation + " as " + caller + " → " + response.status() + ": " + verdict + " "
                            + abbreviate(response.body()));
                }
            }
        }

        assertThat(calls).isGreaterThan(60);
        assertThat(defects).as("answers that reach customer A's objects").isEmpty();
        JsonNode orderAfter = order(a.owner(), a.paidOrder());
        assertThat(orderAfter.path("status").asString())
                .isEqualTo(orderBefore.path("status").asString());
        assertThat(orderAfter.path("input").asString()).isEqualTo(a.secret());
        assertThat(order(a.owner(), a.approvalOrder()).path("status").asString())
                .isEqualTo("awaiting_approval");
        assertThat(approval(a.owner(), a.approval()).path("status").asString()).isEqualTo(approvalBefore);
        assertThat(api.get("/api/payments/" + a.payment() + "/refunds")
                        .token(a.owner().accessToken())
                        .send()
                        .json()
                        .path("items"))
                .isEmpty();
        assertThat(api.get("/api/search/uploads/" + a.upload())
                        .token(a.owner().accessToken())
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/auth/me")
                        .token(a.owner().accessToken())
                        .send()
                        .json()
                        .path("roles"))
                .extracting(JsonNode::asString)
                .containsExactly("customer");
        JsonNode budget =
                api.get("/api/ai/budget").token(a.owner().accessToken()).send().json();
        assertThat(budget.path("source").asString()).isEqualTo("default");
    }

    @Test
    void listFiltersNeverWidenACustomersViewToAnotherUsersObjects() {
        Session a = register();
        Session b = register();
        String secret = "secret-" + UUID.randomUUID();
        assertThat(placeOrder(a, createProduct("10.00", "USD", "technical_support"), 1, secret)
                        .status())
                .isEqualTo(201);

        Api.Response orders =
                api.get("/api/orders?userId=" + a.id()).token(b.accessToken()).send();
        assertThat(orders.status()).isIn(200, 403);
        assertThat(orders.body()).doesNotContain(secret);
        if (orders.status() == 200) {
            orders.json()
                    .path("items")
                    .forEach(
                            order -> assertThat(order.path("userId").asString()).isEqualTo(b.id().toString()));
        }
        Api.Response jobs =
                api.get("/api/ai/jobs?userId=" + a.id()).token(b.accessToken()).send();
        assertThat(jobs.status()).isEqualTo(403);
        Api.Response approvals = api.get("/api/approvals?requesterId=" + a.id())
                .token(b.accessToken())
                .send();
        assertThat(approvals.status()).isIn(200, 403);
        if (approvals.status() == 200) {
            assertThat(approvals.json().path("items")).isEmpty();
        }
    }

    private enum Caller {
        ANONYMOUS,
        OTHER_CUSTOMER,
        APPROVER,
        ADMIN
    }

    private enum Expected {
        UNAUTHORIZED,
        NOT_FOUND,
        FORBIDDEN_OR_NOT_FOUND,
        ALLOWED,
        SKIP
    }

    /** The path with A's id filled in, and whether the object is A's or one only roles reach. */
    private record Target(String path, boolean owned) {}

    private static @Nullable Target target(Operation operation, Owned a, UUID task, UUID policy, UUID product) {
        String path = operation.path();
        Map<String, Object> owned = Map.of(
                "/api/orders/{id}", path.startsWith("/api/orders/{id}/payments") ? a.paidOrder() : a.approvalOrder(),
                "/api/payments/{id}", a.payment(),
                "/api/approvals/{id}", a.approval(),
                "/api/ai/jobs/{id}", a.job(),
                "/api/search/uploads/{id}", a.upload());
        Map<String, Object> roleOnly = Map.of(
                "/api/admin/users/{id}",
                a.owner().id(),
                "/api/admin/token-budgets/users/{userId}",
                a.owner().id(),
                "/api/admin/token-budgets/roles/{role}",
                "customer",
                "/api/approval-policies/{id}",
                policy,
                "/api/products/{id}",
                product,
                "/api/agents/tasks/{id}",
                task);
        for (var entry : owned.entrySet()) {
            if (path.startsWith(entry.getKey())) {
                return new Target(
                        path.replace(
                                entry.getKey(),
                                entry.getKey()
                                        .replaceAll(
                                                "\\{[^}]+}", entry.getValue().toString())),
                        true);
            }
        }
        for (var entry : roleOnly.entrySet()) {
            if (path.startsWith(entry.getKey())) {
                return new Target(
                        path.replace(
                                entry.getKey(),
                                entry.getKey()
                                        .replaceAll(
                                                "\\{[^}]+}", entry.getValue().toString())),
                        false);
            }
        }
        return null;
    }

    /** What API.md and docs/api.md promise this caller. Admins' writes are theirs to make and are not sent. */
    private static Expected expected(Operation operation, Target target, Caller caller) {
        String key = operation.key();
        boolean read = operation.method().equals("GET");
        if (caller == Caller.ANONYMOUS) {
            return key.equals("GET /api/products/{id}") ? Expected.ALLOWED : Expected.UNAUTHORIZED;
        }
        if (caller == Caller.ADMIN) {
            if (!read) {
                return Expected.SKIP;
            }
            if (key.startsWith("GET /api/search/uploads/")) {
                return Expected.NOT_FOUND; // a private library, admins included
            }
            if (key.equals("GET /api/ai/jobs/{id}/result")) {
                return Expected.SKIP; // 200 or 409 job_not_completed, depending on how far the job got
            }
            return Expected.ALLOWED;
        }
        if (caller == Caller.APPROVER) {
            if (key.equals("GET /api/approvals/{id}")) {
                return Expected.ALLOWED; // the default policy asks every approver
            }
            if (key.equals("POST /api/approvals/{id}/decisions")) {
                return Expected.SKIP; // deciding is what an asked approver is for
            }
            if (key.startsWith("GET /api/agents/tasks/")) {
                return Expected.ALLOWED;
            }
            if (key.contains("/api/search/uploads/")) {
                return Expected.FORBIDDEN_OR_NOT_FOUND; // no search plan: 403 search_access_required
            }
        }
        if (key.equals("GET /api/products/{id}")) {
            return Expected.ALLOWED;
        }
        return target.owned() && read ? Expected.NOT_FOUND : Expected.FORBIDDEN_OR_NOT_FOUND;
    }

    /** Null when the answer keeps the contract and carries nothing of A's but the id asked for. */
    private static @Nullable String judge(Expected expected, Api.Response response, Owned a, String asked) {
        int status = response.status();
        boolean statusOk = switch (expected) {
            case UNAUTHORIZED -> status == 401;
            case NOT_FOUND -> status == 404;
            case FORBIDDEN_OR_NOT_FOUND -> status == 403 || status == 404;
            case ALLOWED -> status >= 200 && status < 300;
            case SKIP -> true;
        };
        if (!statusOk) {
            return "expected " + expected;
        }
        if (expected == Expected.ALLOWED) {
            return null;
        }
        String body = response.body();
        if (response.contentType().startsWith("application/problem+json")) {
            ObjectNode problem = (ObjectNode) response.json();
            problem.remove("instance"); // the path asked for, id included
            body = problem.toString();
        }
        for (String leak : List.of(
                a.owner().email(),
                a.secret(),
                a.owner().id().toString(),
                a.paidOrder().toString(),
                a.approvalOrder().toString(),
                a.payment().toString(),
                a.job().toString(),
                a.upload().toString())) {
            if (body.contains(leak) && !asked.contains(leak)) {
                return "the refusal carries " + leak;
            }
        }
        return null;
    }

    private JsonNode approval(Session reader, UUID id) {
        Api.Response response =
                api.get("/api/approvals/" + id).token(reader.accessToken()).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
