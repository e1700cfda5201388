package dev.miyabi.platform.approvals.internal;

import dev.miyabi.platform.agents.Agent;
import dev.miyabi.platform.agents.AgentBoard;
import dev.miyabi.platform.agents.AgentResult;
import dev.miyabi.platform.agents.AgentTaskRequest;
import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.approvals.ApprovalPolicy;
import dev.miyabi.platform.approvals.ApprovalRequest;
import dev.miyabi.platform.approvals.ApprovalStage;
import dev.miyabi.platform.approvals.Decision;
import dev.miyabi.platform.orders.ApprovalGate;
import dev.miyabi.platform.orders.ApprovalRequired;
import dev.miyabi.platform.orders.OrderSnapshot;
import dev.miyabi.platform.orders.TimelineNote;
import dev.miyabi.platform.shared.Actor;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * ApprovalWorkflowAgent (205). As the orders module's {@link ApprovalGate} it opens a request for every
 * new order an active policy applies to (the order becomes {@code awaiting_approval}) and reopens it when
 * the customer revises the order after changes were requested. Every step it takes — opening, applying
 * a decision and advancing the stages, timing a stage out, reopening — is a typed call of {@link
 * ApprovalWorkflow} recorded as a task on the agent board, in the transaction of the change (so the
 * task, the request and the order commit or roll back together; a refusal propagates as it is).
 */
@Component
class ApprovalWorkflowAgent implements Agent, ApprovalGate {

    private final ApprovalWorkflow workflow;
    private final AgentBoard board;

    ApprovalWorkflowAgent(ApprovalWorkflow workflow, AgentBoard board) {
        this.workflow = workflow;
        this.board = board;
    }

    @Override
    public AgentType type() {
        return AgentType.APPROVAL_WORKFLOW;
    }

    @Override
    public Optional<ApprovalRequired> open(OrderSnapshot order) {
        Optional<ApprovalPolicy> policy = workflow.policyFor(order);
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        ApprovalRequest opened = track(
                "Open approval for order " + order.id() + " ("
                        + order.total().amount().toPlainString() + " "
                        + order.total().currency() + ")",
                order.id(),
                () -> workflow.open(order.id(), policy.get().id()));
        ApprovalStage first = opened.stages().getFirst();
        return Optional.of(new ApprovalRequired(
                opened.id(),
                ApprovalWorkflow.AGENT,
                TimelineNote.of(
                                TimelineNote.Kind.APPROVAL_REQUIRED,
                                "Approval required by policy '" + policy.get().name() + "': " + summary(opened))
                        .with("policyName", policy.get().name())
                        .with("stages", opened.stages().size())
                        .with("stageName", first.name())
                        .with("approvers", first.approvers().size())));
    }

    @Override
    public boolean reopen(OrderSnapshot order, @Nullable JsonNode revisedInput, Actor by) {
        Optional<Approval> approval = workflow.lockForOrder(order.id());
        if (approval.isEmpty()) {
            return false;
        }
        UUID userId = UUID.fromString(Objects.requireNonNull(by.id()));
        track(
                "Reopen approval " + approval.get().id() + " of order " + order.id() + " after changes",
                order.id(),
                () -> workflow.reopen(approval.get().id(), userId, revisedInput));
        return true;
    }

    /** Applies an approver's decision; the refusals (403, 409) come from the request itself. */
    ApprovalRequest decide(UUID requestId, UUID orderId, UUID approverId, Decision decision, @Nullable String comment) {
        return track(
                "Apply " + decision.value() + " on approval " + requestId,
                orderId,
                () -> workflow.decide(requestId, approverId, decision, comment));
    }

    /** Escalates or expires a timed-out stage; the caller holds the request's lock. */
    void timeOut(UUID requestId, UUID orderId) {
        track("Stage timed out on approval " + requestId, orderId, () -> workflow.timeOut(requestId));
    }

    /** Hands over a stage no one may decide any more; the caller holds the request's lock. */
    void handOver(UUID requestId, UUID orderId) {
        track(
                "No one may decide approval " + requestId + "; hand the stage over",
                orderId,
                () -> workflow.handOver(requestId));
    }

    private ApprovalRequest track(String title, UUID orderId, Supplier<ApprovalRequest> step) {
        return board.track(
                AgentTaskRequest.of(AgentType.APPROVAL_WORKFLOW, title.length() > 255 ? title.substring(0, 255) : title)
                        .withResource("order", orderId),
                step,
                request -> AgentResult.success(JsonNodeFactory.instance
                        .objectNode()
                        .put("approvalId", request.id().toString())
                        .put("status", request.status().value())
                        .put("currentStage", request.currentStage())
                        .put("round", request.round())
                        .put("summary", summary(request))));
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
}
