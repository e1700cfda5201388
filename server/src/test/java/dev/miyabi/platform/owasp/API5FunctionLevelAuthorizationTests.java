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

/**
 * API5:2023 Broken Function Level Authorization. Every operation of {@code /v3/api-docs} (read at run time; an
 * operation missing from {@link #WHO} fails the test) is sent with a well-formed body by each role below the one
 * API.md and docs/api.md give it:
 *
 * <ul>
 *   <li>admin routes (users and roles, token budgets, metrics, search index, policies, product writes, refunds,
 *       completing orders, agent task retry/cancel, the GitHub mirror, the service state) → 403 {@code forbidden}
 *       for customers and approvers;
 *   <li>approver routes (agents and their tasks) → 403 for customers;
 *   <li>every route but the public ones → 401 without a token;
 *   <li>a customer who asks to be made admin stays a customer.
 * </ul>
 *
 * Covered elsewhere: {@link dev.miyabi.platform.identity.AdminUsersIntegrationTests#aCustomerCannotUseAdminEndpoints()},
 * {@link dev.miyabi.platform.identity.AuthIntegrationTests#anAdminRoleTakenAwayStopsWorkingAtOnceNotWhenTheAccessTokenExpires()},
 * {@link dev.miyabi.platform.approvals.ApprovalPoliciesIntegrationTests#onlyAdminsManagePolicies()}, {@link
 * dev.miyabi.platform.state.StateApiIntegrationTests#theStateIsForAdminsOnly()}, {@link
 * dev.miyabi.platform.github.GitHubMirrorIntegrationTests#theMirrorsStatusIsForAdminsOnly()}, {@link
 * dev.miyabi.platform.llm.TokenBudgetsIntegrationTests#allowanceChangesAreForAdminsAndValidated()}, {@link
 * dev.miyabi.platform.shared.WebUiIntegrationTests#anAdminOnlyServerPathStaysProtectedForABrowser()}, {@link
 * dev.miyabi.platform.shared.PlatformIntegrationTests#otherActuatorEndpointsNeedAnAdmin()} and the customer
 * calling admin operations in {@code shared.ApiSweepIntegrationTests}.
 */
class API5FunctionLevelAuthorizationTests extends OwaspFixtures {

    private enum Role {
        PUBLIC,
        /** Signed by a shared secret (webhooks), not by a bearer token. */
        SIGNED,
        USER,
        APPROVER,
        ADMIN
    }

    /** Who may call each operation, as the contract says. */
    private static final Map<String, Role> WHO = Map.ofEntries(
            Map.entry("GET /.well-known/jwks.json", Role.PUBLIC),
            Map.entry("GET /api/admin/metrics/summary", Role.ADMIN),
            Map.entry("GET /api/admin/search", Role.ADMIN),
            Map.entry("POST /api/admin/search/reindex", Role.ADMIN),
            Map.entry("GET /api/admin/token-budgets", Role.ADMIN),
            Map.entry("DELETE /api/admin/token-budgets/roles/{role}", Role.ADMIN),
            Map.entry("PUT /api/admin/token-budgets/roles/{role}", Role.ADMIN),
            Map.entry("DELETE /api/admin/token-budgets/users/{userId}", Role.ADMIN),
            Map.entry("GET /api/admin/token-budgets/users/{userId}", Role.ADMIN),
            Map.entry("PUT /api/admin/token-budgets/users/{userId}", Role.ADMIN),
            Map.entry("GET /api/admin/users", Role.ADMIN),
            Map.entry("PUT /api/admin/users/{id}/roles", Role.ADMIN),
            Map.entry("GET /api/agents", Role.APPROVER),
            Map.entry("GET /api/agents/tasks", Role.APPROVER),
            Map.entry("GET /api/agents/tasks/{id}", Role.APPROVER),
            Map.entry("POST /api/agents/tasks/{id}/cancel", Role.ADMIN),
            Map.entry("POST /api/agents/tasks/{id}/retry", Role.ADMIN),
            Map.entry("GET /api/ai/budget", Role.USER),
            Map.entry("GET /api/ai/jobs", Role.USER),
            Map.entry("POST /api/ai/jobs", Role.USER),
            Map.entry("GET /api/ai/jobs/{id}", Role.USER),
            Map.entry("POST /api/ai/jobs/{id}/cancel", Role.USER),
            Map.entry("GET /api/ai/jobs/{id}/result", Role.USER),
            Map.entry("POST /api/ai/jobs/{id}/retry", Role.USER),
            Map.entry("GET /api/approval-policies", Role.ADMIN),
            Map.entry("POST /api/approval-policies", Role.ADMIN),
            Map.entry("DELETE /api/approval-policies/{id}", Role.ADMIN),
            Map.entry("GET /api/approval-policies/{id}", Role.ADMIN),
            Map.entry("PUT /api/approval-policies/{id}", Role.ADMIN),
            Map.entry("GET /api/approvals", Role.USER),
            Map.entry("GET /api/approvals/{id}", Role.USER),
            Map.entry("POST /api/approvals/{id}/decisions", Role.USER),
            Map.entry("POST /api/auth/login", Role.PUBLIC),
            Map.entry("POST /api/auth/logout", Role.PUBLIC),
            Map.entry("GET /api/auth/me", Role.USER),
            Map.entry("PATCH /api/auth/me", Role.USER),
            Map.entry("POST /api/auth/me/password", Role.USER),
            Map.entry("POST /api/auth/password-reset", Role.PUBLIC),
            Map.entry("POST /api/auth/password-reset/confirm", Role.PUBLIC),
            Map.entry("POST /api/auth/refresh", Role.PUBLIC),
            Map.entry("POST /api/auth/register", Role.PUBLIC),
            Map.entry("GET /api/integrations/github", Role.ADMIN),
            Map.entry("POST /api/integrations/github/webhook", Role.SIGNED),
            Map.entry("GET /api/orders", Role.USER),
            Map.entry("POST /api/orders", Role.USER),
            Map.entry("GET /api/orders/{id}", Role.USER),
            Map.entry("PATCH /api/orders/{id}", Role.USER),
            Map.entry("POST /api/orders/{id}/cancel", Role.USER),
            Map.entry("POST /api/orders/{id}/complete", Role.ADMIN),
            Map.entry("GET /api/orders/{id}/payments", Role.USER),
            Map.entry("POST /api/orders/{id}/payments", Role.USER),
            Map.entry("POST /api/payments/webhooks/{provider}", Role.SIGNED),
            Map.entry("GET /api/payments/{id}", Role.USER),
            Map.entry("GET /api/payments/{id}/refunds", Role.USER),
            Map.entry("POST /api/payments/{id}/refunds", Role.ADMIN),
            Map.entry("GET /api/products", Role.PUBLIC),
            Map.entry("POST /api/products", Role.ADMIN),
            Map.entry("DELETE /api/products/{id}", Role.ADMIN),
            Map.entry("GET /api/products/{id}", Role.PUBLIC),
            Map.entry("PUT /api/products/{id}", Role.ADMIN),
            Map.entry("GET /api/search", Role.PUBLIC),
            Map.entry("POST /api/search/answers", Role.USER),
            Map.entry("GET /api/search/uploads", Role.USER),
            Map.entry("POST /api/search/uploads", Role.USER),
            Map.entry("DELETE /api/search/uploads/{id}", Role.USER),
            Map.entry("GET /api/search/uploads/{id}", Role.USER),
            Map.entry("GET /api/state", Role.ADMIN));

    @Test
    void everyOperationRefusesTheRolesBelowTheOneTheContractGivesIt() {
        Session customer = register();
        Session approver = registerWithRoles("approver");
        UUID task = anyAgentTask();
        UUID policy = anyPolicy();
        String product = createProduct("5.00", "USD", "technical_support");
        int productsBefore = activeProducts();

        List<String> defects = new ArrayList<>();
        List<Operation> operations = operations();
        for (Operation operation : operations) {
            Role role = WHO.get(operation.key());
            if (role == null) {
                defects.add(operation + ": not in the test's role table; add what the contract says");
                continue;
            }
            if (role == Role.PUBLIC || role == Role.SIGNED) {
                continue;
            }
            String path = operation
                    .path()
                    .replace("/api/agents/tasks/{id}", "/api/agents/tasks/" + task)
                    .replace("/api/approval-policies/{id}", "/api/approval-policies/" + policy)
                    .replace("/api/products/{id}", "/api/products/" + product)
                    .replace("{role}", "customer")
                    .replace("{userId}", customer.id().toString())
                    .replace("/api/admin/users/{id}", "/api/admin/users/" + customer.id())
                    .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            check(defects, operation, path, null, 401);
            if (role == Role.ADMIN || role == Role.APPROVER) {
                check(defects, operation, path, customer, 403);
            }
            if (role == Role.ADMIN) {
                check(defects, operation, path, approver, 403);
            }
        }

        assertThat(defects).as("operations that let a lower role through").isEmpty();
        assertThat(roles(customer)).containsExactly("customer");
        assertThat(roles(approver)).containsExactlyInAnyOrder("customer", "approver");
        assertThat(activeProducts()).isEqualTo(productsBefore);
        assertThat(api.get("/api/products/" + product).send().status()).isEqualTo(200);
    }

    @Test
    void theRoleTableNamesOnlyOperationsThatExist() {
        List<String> documented = operations().stream().map(Operation::key).toList();
        assertThat(documented).containsAll(WHO.keySet());
    }

    private void check(List<String> defects, Operation operation, String path, @Nullable Session caller, int status) {
        Api.Response response = call(operation, path, caller);
        String code = status == 401 ? "unauthorized" : "forbidden";
        boolean problem = response.contentType().startsWith("application/problem+json")
                && code.equals(response.json().path("code").asString());
        if (response.status() != status || !problem) {
            defects.add(operation + " as " + (caller == null ? "anonymous" : caller.email()) + " → " + response
                    + " (expected " + status + " " + code + ")");
        }
    }

    private List<String> roles(Session user) {
        JsonNode me = api.get("/api/auth/me")
                .token(login(user.email(), PASSWORD).accessToken())
                .send()
                .json();
        List<String> roles = new ArrayList<>();
        me.path("roles").forEach(role -> roles.add(role.asString()));
        return roles;
    }

    private int activeProducts() {
        return api.get("/api/products?size=1").send().json().path("total").asInt();
    }
}
