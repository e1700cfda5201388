package dev.miyabi.platform.approvals.internal;

import dev.miyabi.platform.agents.Agent;
import dev.miyabi.platform.agents.AgentContext;
import dev.miyabi.platform.agents.AgentExecution;
import dev.miyabi.platform.agents.AgentResult;
import dev.miyabi.platform.agents.AgentTask;
import dev.miyabi.platform.agents.AgentTaskRequest;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.agents.Orchestrator;
import dev.miyabi.platform.approvals.ApprovalPolicy;
import dev.miyabi.platform.approvals.ApprovalRequest;
import dev.miyabi.platform.approvals.ApprovalStage;
import dev.miyabi.platform.approvals.Decision;
import dev.miyabi.platform.orders.Actor;
import dev.miyabi.platform.orders.ApprovalGate;
import dev.miyabi.platform.orders.ApprovalRequired;
import dev.miyabi.platform.orders.OrderSnapshot;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * ApprovalWorkflowAgent (205). As the orders module's {@link ApprovalGate} it opens a request for every
 * new order an active policy applies to (the order becomes {@code awaiting_approval}) and reopens it when
 * the customer revises the order after changes were requested. Every step it takes — opening, applying
 * a decision and advancing the stages, timing a stage out, reopening — is a task on the agent board,
 * run in the transaction of the change (so the task, the request and the order commit or roll back
 * together). Task input: {@code {"operation": "open" | "decide" | "timeout" | "reopen", …}}.
 */
@Component
class ApprovalWorkflowAgent implements Agent, ApprovalGate {

    private final ApprovalWorkflow workflow;
    // The orchestrator's registry holds this agent, so it is looked up when needed, not at creation.
    private final ObjectProvider<Orchestrator> orchestrator;

    ApprovalWorkflowAgent(ApprovalWorkflow workflow, ObjectProvider<Orchestrator> orchestrator) {
        this.workflow = workflow;
        this.orchestrator = orchestrator;
    }

    @Override
    public AgentType type() {
        return AgentType.APPROVAL_WORKFLOW;
    }

    // ---- ApprovalGate -------------------------------------------------------------------------

    @Override
    public Optional<ApprovalRequired> open(OrderSnapshot order) {
        Optional<ApprovalPolicy> policy = workflow.policyFor(order);
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        JsonNode data = run(
                "Open approval for order " + order.id() + " ("
                        + order.total().amount().toPlainString() + " "
                        + order.total().currency() + ")",
                node("open")
                        .put("orderId", order.id().toString())
                        .put("policyId", policy.get().id().toString()),
                order.id());
        UUID approvalId = UUID.fromString(data.path("approvalId").asString());
        return Optional.of(new ApprovalRequired(
                approvalId,
                ApprovalWorkflow.AGENT,
                "Approval required by policy '" + policy.get().name() + "': "
                        + data.path("summary").asString()));
    }

    @Override
    public boolean reopen(OrderSnapshot order, Actor by) {
        Optional<Approval> approval = workflow.lockForOrder(order.id());
        if (approval.isEmpty()) {
            return false;
        }
        UUID userId = UUID.fromString(Objects.requireNonNull(by.id()));
        // Refusals (not the requester, not at changes_requested) surface as they are, before any task.
        approval.get().checkReopen(userId);
        run(
                "Reopen approval " + approval.get().id() + " of order " + order.id() + " after changes",
                node("reopen").put("requestId", approval.get().id().toString()).put("userId", userId.toString()),
                order.id());
        return true;
    }

    /** Applies a decision as a board task; the caller checked it under the request's lock. */
    ApprovalRequest decide(Approval approval, UUID approverId, Decision decision, @Nullable String comment) {
        run(
                "Apply " + decision.value() + " on approval " + approval.id(),
                node("decide")
                        .put("requestId", approval.id().toString())
                        .put("approverId", approverId.toString())
                        .put("decision", decision.value())
                        .put("comment", comment),
                approval.resourceId());
        return workflow.find(approval.id()).orElseThrow();
    }

    /** Escalates or expires a timed-out stage as a board task; the caller holds the request's lock. */
    void timeOut(UUID requestId, UUID orderId) {
        run(
                "Stage timed out on approval " + requestId,
                node("timeout").put("requestId", requestId.toString()),
                orderId);
    }

    // ---- Agent --------------------------------------------------------------------------------

    @Override
    public AgentResult execute(AgentTask task, AgentContext context) {
        JsonNode input = task.input();
        String operation = input.path("operation").asString("");
        ApprovalRequest request = switch (operation) {
            case "open" ->
                workflow.open(
                        UUID.fromString(input.path("orderId").asString()),
                        UUID.fromString(input.path("policyId").asString()));
            case "decide" ->
                workflow.decide(
                        UUID.fromString(input.path("requestId").asString()),
                        UUID.fromString(input.path("approverId").asString()),
                        Decision.parse(input.path("decision").asString())
                                .orElseThrow(() -> new IllegalArgumentException("Unknown decision")),
                        input.path("comment").isString() ? input.path("comment").asString() : null);
            case "timeout" ->
                workflow.timeOut(UUID.fromString(input.path("requestId").asString()));
            case "reopen" ->
                workflow.reopen(
                        UUID.fromString(input.path("requestId").asString()),
                        UUID.fromString(input.path("userId").asString()));
            default -> null;
        };
        if (request == null) {
            return AgentResult.failed("Unknown operation '" + operation + "'");
        }
        return AgentResult.success(JsonNodeFactory.instance
                .objectNode()
                .put("approvalId", request.id().toString())
                .put("status", request.status().value())
                .put("currentStage", request.currentStage())
                .put("round", request.round())
                .put("summary", summary(request)));
    }

    private static String summary(ApprovalRequest request) {
        if (request.currentStage() == null) {
            return request.status().value();
        }
        ApprovalStage stage = request.stages().get(request.currentStage());
        return "stage " + (stage.index() + 1) + " of " + request.stages().size() + " ('" + stage.name() + "', "
                + stage.mode().value() + " of " + stage.approvers().size() + " approver"
                + (stage.approvers().size() == 1 ? "" : "s") + ")";
    }

    private JsonNode run(String title, ObjectNode input, UUID orderId) {
        AgentExecution execution = orchestrator
                .getObject()
                .execute(AgentTaskRequest.of(
                                AgentType.APPROVAL_WORKFLOW,
                                title.length() > 255 ? title.substring(0, 255) : title,
                                input)
                        .withResource("order", orderId));
        if (!execution.result().succeeded() || execution.result().data() == null) {
            // Inside the caller's transaction: failing here rolls the whole change back.
            throw new IllegalStateException(
                    "ApprovalWorkflowAgent could not " + input.path("operation").asString() + ": "
                            + execution.result().error());
        }
        return execution.result().data();
    }

    private static ObjectNode node(String operation) {
        return JsonNodeFactory.instance.objectNode().put("operation", operation);
    }
}
