package dev.miyabi.platform.approvals;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Admin CRUD of approval policies: validation, optimistic locking, deletion, and the default policy. */
class ApprovalPoliciesIntegrationTests extends ApprovalFixtures {

    @Test
    void aFreshDatabaseHasTheDefaultPolicy() {
        JsonNode policy = api.get("/api/approval-policies/00000000-0000-4000-8000-000000000205")
                .token(adminSession().accessToken())
                .send()
                .json();
        assertThat(policy.path("active").asBoolean()).isTrue();
        assertThat(policy.path("appliesTo").path("minAmount").asString()).isEqualTo("1000.00");
        assertThat(policy.path("appliesTo").path("currency").isNull()).isTrue();
        JsonNode stages = policy.path("stages");
        assertThat(stages.findValuesAsString("approverRole")).containsExactly("approver", "admin");
        assertThat(stages.findValuesAsString("mode")).containsExactly("any", "any");
        assertThat(stages.get(1).path("minAmount").asString()).isEqualTo("10000.00");
    }

    @Test
    void adminsCreateReadReplaceAndDeletePolicies() {
        Session approver = register();
        Map<String, Object> body =
                policy("Large consulting", List.of(stage("Lead", "majority", List.of(approver.id()))));

        Api.Response created = api.post("/api/approval-policies")
                .token(adminSession().accessToken())
                .json(body)
                .send();

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.text("id");
        assertThat(created.header("Location")).contains("/api/approval-policies/" + id);
        assertThat(created.header("ETag")).contains("\"0\"");
        JsonNode policy = created.json();
        assertThat(policy.path("appliesTo").path("minAmount").asString()).isEqualTo("5000.00");
        assertThat(policy.path("appliesTo").path("currency").asString()).isEqualTo("EUR");
        assertThat(policy.path("appliesTo").path("categories").toString()).contains("business_consulting");
        assertThat(policy.path("stages").get(0).path("mode").asString()).isEqualTo("majority");
        assertThat(policy.path("stages").get(0).path("onTimeout").asString()).isEqualTo("escalate");
        assertThat(api.get("/api/approval-policies?size=100")
                        .token(adminSession().accessToken())
                        .send()
                        .json()
                        .path("items")
                        .findValuesAsString("id"))
                .contains(id);

        Map<String, Object> renamed = new LinkedHashMap<>(body);
        renamed.put("name", "Large consulting, renamed");
        assertProblem(
                api.put("/api/approval-policies/" + id)
                        .token(adminSession().accessToken())
                        .header("If-Match", "\"7\"")
                        .json(renamed)
                        .send(),
                409,
                "version_conflict");
        assertProblem(
                api.put("/api/approval-policies/" + id)
                        .token(adminSession().accessToken())
                        .json(renamed)
                        .send(),
                400,
                "validation_failed");
        Api.Response replaced = api.put("/api/approval-policies/" + id)
                .token(adminSession().accessToken())
                .header("If-Match", "\"0\"")
                .json(renamed)
                .send();
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json().path("version").asLong()).isEqualTo(1);
        assertThat(replaced.json().path("name").asString()).isEqualTo("Large consulting, renamed");

        assertThat(api.delete("/api/approval-policies/" + id)
                        .token(adminSession().accessToken())
                        .send()
                        .status())
                .isEqualTo(204);
        assertProblem(
                api.get("/api/approval-policies/" + id)
                        .token(adminSession().accessToken())
                        .send(),
                404,
                "not_found");
        assertThat(api.delete("/api/approval-policies/" + id)
                        .token(adminSession().accessToken())
                        .send()
                        .status())
                .isEqualTo(204);
        assertProblem(
                api.delete("/api/approval-policies/" + UUID.randomUUID())
                        .token(adminSession().accessToken())
                        .send(),
                404,
                "not_found");
    }

    @Test
    void onlyAdminsManagePolicies() {
        Session approver = registerWithRoles("approver");
        Map<String, Object> body = policy("x", List.of(roleStage("Any approver", "approver")));
        assertProblem(
                api.get("/api/approval-policies").token(approver.accessToken()).send(), 403, "forbidden");
        assertProblem(
                api.post("/api/approval-policies")
                        .token(approver.accessToken())
                        .json(body)
                        .send(),
                403,
                "forbidden");
        assertProblem(api.get("/api/approval-policies").send(), 401, "unauthorized");
    }

    @Test
    void everyBrokenFieldIsReported() {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("name", "");
        stage.put("approverRole", "customer");
        stage.put("approverIds", List.of(UUID.randomUUID().toString()));
        stage.put("mode", "most");
        stage.put("timeoutHours", 0);
        stage.put("onTimeout", "panic");
        stage.put("minAmount", "1.234");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "");
        body.put("priority", 5000);
        body.put(
                "appliesTo",
                Map.of("resourceType", "invoice", "minAmount", "-1", "currency", "XYZ", "categories", List.of("cars")));
        body.put("stages", List.of(stage));

        JsonNode problem = assertProblem(
                api.post("/api/approval-policies")
                        .token(adminSession().accessToken())
                        .json(body)
                        .send(),
                400,
                "validation_failed");

        assertThat(problem.path("errors").findValuesAsString("field"))
                .contains(
                        "name",
                        "priority",
                        "appliesTo.resourceType",
                        "appliesTo.minAmount",
                        "appliesTo.currency",
                        "appliesTo.categories[0]",
                        "stages[0].name",
                        "stages[0]",
                        "stages[0].mode",
                        "stages[0].timeoutHours",
                        "stages[0].onTimeout",
                        "stages[0].minAmount");
        Map<String, Object> unknownUser = policy("x", List.of(stage("S", "any", List.of(UUID.randomUUID()))));
        assertThat(assertProblem(
                                api.post("/api/approval-policies")
                                        .token(adminSession().accessToken())
                                        .json(unknownUser)
                                        .send(),
                                400,
                                "validation_failed")
                        .path("errors")
                        .findValuesAsString("field"))
                .containsExactly("stages[0].approverIds[0]");
        assertProblem(
                api.post("/api/approval-policies")
                        .token(adminSession().accessToken())
                        .json(policy("x", List.of()))
                        .send(),
                400,
                "validation_failed");
    }

    @Test
    void openRequestsKeepTheStagesTheyWereOpenedWith() {
        Session a = register();
        Session b = register();
        JsonNode policy = createPolicy("AUD", "0", List.of(stage("A", "any", List.of(a.id()))));
        Session customer = register();
        UUID requestId = awaitingApproval(customer, "100.00", "AUD");
        Map<String, Object> replacement = new LinkedHashMap<>();
        replacement.put("name", policy.path("name").asString());
        replacement.put("priority", 100);
        replacement.put("appliesTo", Map.of("minAmount", "0", "currency", "AUD"));
        replacement.put("stages", List.of(stage("B", "any", List.of(b.id()))));
        replacement.put("version", 0);
        assertThat(api.put("/api/approval-policies/" + policy.path("id").asString())
                        .token(adminSession().accessToken())
                        .json(replacement)
                        .send()
                        .status())
                .isEqualTo(200);

        assertThat(approval(customer, requestId)
                        .path("stages")
                        .get(0)
                        .path("name")
                        .asString())
                .isEqualTo("A");
        assertThat(decide(a, requestId, "approve", null).json().path("status").asString())
                .isEqualTo("approved");
        UUID later = awaitingApproval(customer, "100.00", "AUD");
        assertThat(approval(customer, later).path("stages").get(0).path("name").asString())
                .isEqualTo("B");
    }

    private static Map<String, Object> policy(String name, List<Map<String, Object>> stages) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("active", true);
        body.put("priority", 10);
        body.put(
                "appliesTo",
                Map.of(
                        "resourceType", "order",
                        "minAmount", "5000",
                        "currency", "EUR",
                        "categories", List.of("business_consulting")));
        body.put("stages", stages);
        return body;
    }
}
