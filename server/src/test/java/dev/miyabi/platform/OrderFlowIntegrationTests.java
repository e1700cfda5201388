package dev.miyabi.platform;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.CommerceFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The order-to-payment flow end to end, as its people do it over HTTP: a customer orders a course
 * priced 2 500, an approver approves it, the customer's first card is declined, the second pays, the
 * CourseGeneratorAgent writes the course and the order completes — every step in the timeline with its
 * actor.
 */
class OrderFlowIntegrationTests extends CommerceFixtures {

    @Test
    void aCourseOrderIsApprovedThenPaidAfterADecline() {
        Session approver = approver("Ann Approver");
        Session customer = register();
        String course = createProduct("2500.00", "USD", "ai_course_generation");

        // 1. The customer orders: the default policy asks for an approver.
        Api.Response placed = placeOrder(customer, course, 1, courseInput());
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        UUID orderId = UUID.fromString(placed.text("id"));
        assertThat(placed.text("status")).isEqualTo("awaiting_approval");
        UUID approvalId = UUID.fromString(placed.text("approvalId"));
        assertProblem(pay(customer, orderId, "pm_card_visa"), 409, "invalid_state");

        // 2. The approver finds it in their inbox and approves.
        assertThat(api.get("/api/approvals?status=pending&assignedToMe=true&size=100")
                        .token(approver.accessToken())
                        .send()
                        .json()
                        .path("items")
                        .findValuesAsString("id"))
                .contains(approvalId.toString());
        Api.Response approved = api.post("/api/approvals/" + approvalId + "/decisions")
                .token(approver.accessToken())
                .json(Map.of("decision", "approve", "comment", "Training budget approved"))
                .send();
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(order(customer, orderId).path("status").asString()).isEqualTo("awaiting_payment");

        // 3. The first card is declined; the order stays payable.
        JsonNode declined = assertProblem(pay(customer, orderId, "pm_card_chargeDeclined"), 402, "payment_declined");
        assertThat(declined.path("declineCode").asString()).isEqualTo("card_declined");
        assertThat(order(customer, orderId).path("status").asString()).isEqualTo("awaiting_payment");

        // 4. The second card pays.
        Api.Response paid = pay(customer, orderId, "pm_card_visa");
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(paid.json().path("amount").path("amount").asString()).isEqualTo("2500.00");

        // 5. The course is generated (offline provider) and the order completes.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> order(customer, orderId).path("status").asString(), "completed"::equals);
        JsonNode order = order(customer, orderId);
        assertThat(order.path("paymentId").asString()).isEqualTo(paid.text("id"));
        JsonNode timeline = order.path("timeline");
        assertThat(statuses(order))
                .containsExactly("pending", "awaiting_approval", "awaiting_payment", "paid", "fulfilling", "completed");
        assertEntry(timeline.get(0), "pending", "user", customer.id().toString(), "Order placed");
        assertEntry(timeline.get(1), "awaiting_approval", "agent", "205", "Default order approval");
        assertEntry(timeline.get(2), "awaiting_payment", "user", approver.id().toString(), "Approved by Ann Approver");
        assertEntry(timeline.get(3), "paid", "agent", "204", "Paid 2500.00 USD");
        assertThat(timeline.get(2).path("actor").path("name").asString()).isEqualTo("Ann Approver");
        assertThat(timeline.get(3).path("actor").path("name").asString()).isEqualTo("PaymentProcessorAgent");
        assertThat(timeline.get(4).path("actor").path("type").asString()).isIn("agent", "system");
        assertThat(timeline.get(5).path("actor").path("type").asString()).isIn("agent", "system");
        String jobId = order.path("aiJobId").asString();
        assertThat(api.get("/api/ai/jobs/" + jobId)
                        .token(customer.accessToken())
                        .send()
                        .text("status"))
                .isEqualTo("completed");
        JsonNode courseJson = api.get("/api/ai/jobs/" + jobId + "/result")
                .token(customer.accessToken())
                .send()
                .json();
        assertThat(courseJson.path("modules").size()).isBetween(4, 8);

        JsonNode payments = api.get("/api/orders/" + orderId + "/payments")
                .token(customer.accessToken())
                .send()
                .json();
        assertThat(payments.path("items").findValuesAsString("status")).containsExactly("succeeded", "failed");
        assertThat(payments.path("items").get(1).path("failureCode").asString()).isEqualTo("card_declined");

        JsonNode request = api.get("/api/approvals/" + approvalId)
                .token(customer.accessToken())
                .send()
                .json();
        assertThat(request.path("status").asString()).isEqualTo("approved");
        assertThat(request.path("audit").findValuesAsString("action"))
                .containsExactly("opened", "stage_started", "approve");
        assertThat(request.path("audit").get(2).path("actor").path("name").asString())
                .isEqualTo("Ann Approver");

        List<Map<String, Object>> tasks = jdbc.sql("""
                        SELECT t.agent_type, t.status FROM agent_tasks t
                        WHERE t.resource_id = :order
                           OR t.resource_id IN (SELECT id::text FROM payments WHERE order_id = :id)
                           OR t.ai_job_id = (SELECT ai_job_id FROM orders WHERE id = :id)
                        ORDER BY t.created_at
                        """)
                .param("order", orderId.toString())
                .param("id", orderId)
                .query()
                .listOfRows();
        assertThat(tasks)
                .extracting(row -> row.get("agent_type") + ":" + row.get("status"))
                .containsExactly(
                        "approval_workflow:completed",
                        "approval_workflow:completed",
                        "payment_processor:failed",
                        "payment_processor:completed",
                        "course_generator:completed");
    }

    private Session approver(String name) {
        String email = "approver-" + UUID.randomUUID() + "@example.test";
        Api.Response registered = api.post("/api/auth/register")
                .json(Map.of("email", email, "password", PASSWORD, "name", name))
                .send();
        assertThat(registered.status()).isEqualTo(201);
        UUID id = UUID.fromString(registered.json().path("user").path("id").asString());
        assertThat(api.put("/api/admin/users/" + id + "/roles")
                        .token(adminSession().accessToken())
                        .json(Map.of("roles", List.of("approver")))
                        .send()
                        .status())
                .isEqualTo(200);
        return login(email, PASSWORD);
    }

    private static void assertEntry(JsonNode entry, String status, String actorType, String actorId, String note) {
        assertThat(entry.path("status").asString()).isEqualTo(status);
        assertThat(entry.path("actor").path("type").asString()).isEqualTo(actorType);
        assertThat(entry.path("actor").path("id").asString()).isEqualTo(actorId);
        assertThat(entry.path("note").asString()).contains(note);
        assertThat(entry.path("at").asString()).isNotBlank();
    }
}
