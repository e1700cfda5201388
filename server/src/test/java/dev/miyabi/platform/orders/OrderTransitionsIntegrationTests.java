package dev.miyabi.platform.orders;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miyabi.platform.shared.Actor;
import dev.miyabi.platform.support.Api;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every transition of the order state machine on the real database: the customer and admin actions
 * over HTTP, and the facade transitions that approvals, payments and fulfilment will call.
 */
class OrderTransitionsIntegrationTests extends OrderFixtures {

    @Test
    void aCustomerCancelsBeforePaymentWithAReason() {
        Session customer = register();
        UUID id = placed(customer, createProduct("9.00", "ai_search_service"));

        Api.Response cancelled = api.post("/api/orders/" + id + "/cancel")
                .token(customer.accessToken())
                .json(Map.of("reason", "Ordered the wrong plan"))
                .send();

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("cancelled");
        assertThat(statuses(cancelled.json())).containsExactly("pending", "awaiting_payment", "cancelled");
        JsonNode entry = cancelled.json().path("timeline").get(2);
        assertThat(entry.path("note").asString()).isEqualTo("Ordered the wrong plan");
        assertThat(entry.path("kind").asString()).isEqualTo("cancelled");
        assertThat(entry.path("params").path("reason").asString()).isEqualTo("Ordered the wrong plan");
        assertThat(cancelled.json().path("timeline").get(0).path("kind").asString())
                .isEqualTo("order_placed");
        assertThat(entry.path("actor").path("id").asString())
                .isEqualTo(customer.id().toString());
        assertThat(entry.path("actor").path("type").asString()).isEqualTo("user");

        JsonNode again = assertProblem(
                api.post("/api/orders/" + id + "/cancel")
                        .token(customer.accessToken())
                        .send(),
                409,
                "invalid_state");
        assertThat(again.path("currentStatus").asString()).isEqualTo("cancelled");
        assertThat(again.path("requestedStatus").asString()).isEqualTo("cancelled");
        assertThat(again.path("detail").asString()).contains("cancelled");
        assertThat(statuses(order(customer, id))).containsExactly("pending", "awaiting_payment", "cancelled");
    }

    @Test
    void theApprovalPathMovesByApprovalId() {
        Session customer = register();
        // Below the default approval policy's 1 000, so the order is placed awaiting payment and moved by hand.
        String product = createProduct("150.00", "business_consulting");
        UUID approved = awaitingApproval(customer, product);
        UUID rejected = awaitingApproval(customer, product);
        UUID cancelled = awaitingApproval(customer, product);
        UUID approvalOf = approvalId(approved);

        OrderSnapshot afterApproval = orders.approve(
                approvalOf,
                Actor.agent("205", "ApprovalWorkflowAgent"),
                TimelineNote.of(TimelineNote.Kind.APPROVED, "Approved by Ann"));
        assertThat(afterApproval.status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(orders.findByApproval(approvalOf)).map(OrderSnapshot::id).contains(approved);
        assertThatThrownBy(() -> orders.approve(approvalOf, agent(), null))
                .isInstanceOf(IllegalOrderTransitionException.class);
        assertThatThrownBy(() -> orders.reject(approvalOf, agent(), null))
                .isInstanceOf(IllegalOrderTransitionException.class);

        assertThat(orders.reject(
                                approvalId(rejected),
                                agent(),
                                TimelineNote.of(TimelineNote.Kind.REJECTED, "Over budget"))
                        .status())
                .isEqualTo(OrderStatus.REJECTED);
        assertProblem(
                api.post("/api/orders/" + rejected + "/cancel")
                        .token(customer.accessToken())
                        .send(),
                409,
                "invalid_state");

        assertThat(api.post("/api/orders/" + cancelled + "/cancel")
                        .token(customer.accessToken())
                        .send()
                        .text("status"))
                .isEqualTo("cancelled");
        assertThatThrownBy(() -> orders.approve(approvalId(cancelled), agent(), null))
                .isInstanceOf(IllegalOrderTransitionException.class);
        assertThatThrownBy(() -> orders.approve(UUID.randomUUID(), agent(), null))
                .hasMessageContaining("not found");

        assertThat(statuses(order(customer, approved)))
                .containsExactly("pending", "awaiting_approval", "awaiting_payment");
        assertThat(order(customer, approved)
                        .path("timeline")
                        .get(2)
                        .path("actor")
                        .path("name")
                        .asString())
                .isEqualTo("ApprovalWorkflowAgent");
        assertThat(statuses(order(customer, rejected))).containsExactly("pending", "awaiting_approval", "rejected");
    }

    @Test
    void afterPaymentOnlyAnAdminCancels() {
        Session customer = register();
        // A support order: once paid, the fulfilment hands it to staff, and it waits there.
        UUID paid = placed(customer, createProduct("99.00", "technical_support"));
        UUID paymentId = UUID.randomUUID();
        OrderSnapshot afterPayment =
                orders.markPaid(paid, paymentId, agent(), TimelineNote.of(TimelineNote.Kind.PAID, "Paid by card"));
        assertThat(afterPayment.paymentId()).isEqualTo(paymentId);
        assertThatThrownBy(() -> orders.markPaid(paid, UUID.randomUUID(), agent(), null))
                .isInstanceOf(IllegalOrderTransitionException.class);
        awaitFulfilling(customer, paid);

        JsonNode refused = assertProblem(
                api.post("/api/orders/" + paid + "/cancel")
                        .token(customer.accessToken())
                        .send(),
                409,
                "invalid_state");
        assertThat(refused.path("detail").asString()).contains("only an admin");

        Api.Response byAdmin = api.post("/api/orders/" + paid + "/cancel")
                .token(adminSession().accessToken())
                .send();
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(statuses(byAdmin.json()))
                .containsExactly("pending", "awaiting_payment", "paid", "fulfilling", "cancelled");
        JsonNode entry = byAdmin.json().path("timeline").get(4);
        assertThat(entry.path("actor").path("id").asString())
                .isEqualTo(adminSession().id().toString());
        assertThat(entry.path("note").asString()).isEqualTo("Cancelled by an admin");
    }

    @Test
    void anAiOrderIsFulfilledByItsJobAndMayFail() {
        Session customer = register();
        String product = createProduct("49.00", "ai_course_generation");
        UUID completed = placedCourse(customer, product);
        UUID failed = placedCourse(customer, product);
        UUID job = UUID.randomUUID();

        assertThatThrownBy(() -> orders.startFulfilment(completed, job, agent(), null))
                .as("not paid yet")
                .isInstanceOf(IllegalOrderTransitionException.class);
        assertThatThrownBy(() -> orders.complete(completed, agent(), null))
                .isInstanceOf(IllegalOrderTransitionException.class);
        assertThat(inOneTransaction(() -> {
                            orders.markPaid(completed, UUID.randomUUID(), agent(), null);
                            return orders.startFulfilment(
                                    completed,
                                    job,
                                    Actor.agent("201", "CourseGeneratorAgent"),
                                    TimelineNote.of(TimelineNote.Kind.AI_JOB_QUEUED, "Job queued"));
                        })
                        .aiJobId())
                .isEqualTo(job);
        assertProblem(
                api.post("/api/orders/" + completed + "/cancel")
                        .token(customer.accessToken())
                        .send(),
                409,
                "invalid_state");
        assertProblem(
                api.post("/api/orders/" + completed + "/complete")
                        .token(adminSession().accessToken())
                        .send(),
                409,
                "invalid_state");
        OrderSnapshot done = orders.complete(
                completed,
                Actor.agent("201", "CourseGeneratorAgent"),
                TimelineNote.of(TimelineNote.Kind.AI_JOB_COMPLETED, "Course ready"));
        assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(done.completedAt()).isNotNull();
        assertThatThrownBy(() -> orders.fail(completed, agent(), null))
                .isInstanceOf(IllegalOrderTransitionException.class);
        assertThatThrownBy(() -> orders.cancel(completed, agent(), null))
                .isInstanceOf(IllegalOrderTransitionException.class);
        assertProblem(
                api.post("/api/orders/" + completed + "/cancel")
                        .token(adminSession().accessToken())
                        .send(),
                409,
                "invalid_state");

        assertThatThrownBy(() -> orders.fail(failed, agent(), null))
                .as("nothing to fail before payment")
                .isInstanceOf(IllegalOrderTransitionException.class);
        inOneTransaction(() -> {
            orders.markPaid(failed, UUID.randomUUID(), agent(), null);
            return orders.startFulfilment(failed, UUID.randomUUID(), agent(), null);
        });
        assertThat(orders.fail(
                                failed,
                                agent(),
                                TimelineNote.of(TimelineNote.Kind.AI_JOB_FAILED, "Generation failed 3 times"))
                        .status())
                .isEqualTo(OrderStatus.FAILED);
        assertThatThrownBy(() -> orders.complete(failed, agent(), null))
                .isInstanceOf(IllegalOrderTransitionException.class);

        JsonNode read = order(customer, completed);
        assertThat(statuses(read)).containsExactly("pending", "awaiting_payment", "paid", "fulfilling", "completed");
        assertThat(read.path("aiJobId").asString()).isEqualTo(job.toString());
        assertThat(read.path("completedAt").isNull()).isFalse();
        assertThat(read.path("version").asLong()).isEqualTo(4);
        assertThat(statuses(order(customer, failed)))
                .containsExactly("pending", "awaiting_payment", "paid", "fulfilling", "failed");
    }

    @Test
    void anAdminCompletesServiceOrdersFulfilledByPeople() {
        Session customer = register();
        String consulting = createProduct("800.00", "business_consulting");
        UUID fromPaid = placed(customer, consulting);
        UUID fromFulfilling = placed(customer, consulting);
        UUID unpaid = placed(customer, consulting);
        orders.markPaid(fromPaid, UUID.randomUUID(), agent(), null);
        inOneTransaction(() -> {
            orders.markPaid(fromFulfilling, UUID.randomUUID(), agent(), null);
            return orders.startFulfilment(
                    fromFulfilling,
                    null,
                    Actor.system(),
                    TimelineNote.of(TimelineNote.Kind.AI_JOB_QUEUED, "Task created for staff"));
        });
        String admin = adminSession().accessToken();

        assertProblem(
                api.post("/api/orders/" + fromPaid + "/complete")
                        .token(customer.accessToken())
                        .send(),
                403,
                "forbidden");
        assertProblem(
                api.post("/api/orders/" + unpaid + "/complete").token(admin).send(), 409, "invalid_state");
        assertProblem(
                api.post("/api/orders/" + UUID.randomUUID() + "/complete")
                        .token(admin)
                        .send(),
                404,
                "not_found");

        Api.Response completed = api.post("/api/orders/" + fromPaid + "/complete")
                .token(admin)
                .json(Map.of("note", "Workshop held on 3 Dec"))
                .send();
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        assertThat(statuses(completed.json()))
                .containsExactly("pending", "awaiting_payment", "paid", "fulfilling", "completed");
        assertThat(completed.json().path("timeline").get(4).path("note").asString())
                .isEqualTo("Workshop held on 3 Dec");
        assertThat(completed.json().path("completedAt").isNull()).isFalse();

        assertThat(statuses(api.post("/api/orders/" + fromFulfilling + "/complete")
                        .token(admin)
                        .send()
                        .json()))
                .containsExactly("pending", "awaiting_payment", "paid", "fulfilling", "completed");
        assertProblem(
                api.post("/api/orders/" + fromPaid + "/complete").token(admin).send(), 409, "invalid_state");
    }

    @Test
    void anUnknownOrderIsNotFoundForTheFacade() {
        assertThat(orders.find(UUID.randomUUID())).isEmpty();
        assertThatThrownBy(() -> orders.markPaid(UUID.randomUUID(), UUID.randomUUID(), agent(), null))
                .hasMessageContaining("not found");
    }

    /** An order waiting for approval, as the approvals module's gate will leave it. */
    private UUID awaitingApproval(Session customer, String product) {
        UUID id = placed(customer, product);
        jdbc.sql("""
                        UPDATE orders SET status = 'awaiting_approval', approval_id = :approval, version = version + 1
                        WHERE id = :id
                        """).param("approval", UUID.randomUUID()).param("id", id).update();
        jdbc.sql("""
                        UPDATE order_timeline SET status = 'awaiting_approval' WHERE order_id = :id AND status = 'awaiting_payment'
                        """).param("id", id).update();
        return id;
    }

    private UUID approvalId(UUID orderId) {
        return orders.find(orderId).orElseThrow().approvalId();
    }

    private UUID placedCourse(Session customer, String product) {
        Api.Response response = place(customer, product, 1, courseInput());
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return UUID.fromString(response.text("id"));
    }
}
