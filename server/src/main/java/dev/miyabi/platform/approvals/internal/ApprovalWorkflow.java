package dev.miyabi.platform.approvals.internal;

import dev.miyabi.platform.agents.AgentType;
import dev.miyabi.platform.approvals.ApprovalOrder;
import dev.miyabi.platform.approvals.ApprovalPolicy;
import dev.miyabi.platform.approvals.ApprovalRequest;
import dev.miyabi.platform.approvals.ApprovalStatus;
import dev.miyabi.platform.approvals.Approvals;
import dev.miyabi.platform.approvals.Decision;
import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.identity.UserDirectory;
import dev.miyabi.platform.identity.UserSummary;
import dev.miyabi.platform.orders.OrderSnapshot;
import dev.miyabi.platform.orders.OrderStatus;
import dev.miyabi.platform.orders.Orders;
import dev.miyabi.platform.orders.TimelineNote;
import dev.miyabi.platform.shared.Actor;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.DomainConflict;
import dev.miyabi.platform.shared.ErrorCodes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * What the ApprovalWorkflowAgent does, each in the caller's transaction (or its own): open a request
 * for an order, apply a decision and advance the stages, time a stage out, reopen after changes, cancel.
 * When a request ends, the order moves in the same transaction: approved → {@code awaiting_payment},
 * rejected or expired → {@code rejected}; the order's timeline names the approver whose decision moved it
 * (or the system, for a timer), and also records a request for changes.
 */
@Service
class ApprovalWorkflow implements Approvals {

    /** The timeline and audit actor of everything the ApprovalWorkflowAgent does. */
    public static final Actor AGENT = AgentType.APPROVAL_WORKFLOW.actor();

    static final String ORDER = "order";

    private final ApprovalRequests requests;
    private final ApprovalPolicies policies;
    private final Orders orders;
    private final UserDirectory users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApprovalWorkflow(
            ApprovalRequests requests,
            ApprovalPolicies policies,
            Orders orders,
            UserDirectory users,
            ApplicationEventPublisher events,
            Clock clock) {
        this.requests = requests;
        this.policies = policies;
        this.orders = orders;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    /** The policy that applies to a new order (with at least one stage for its total), if any. */
    @Transactional(readOnly = true)
    public Optional<ApprovalPolicy> policyFor(OrderSnapshot order) {
        return policies
                .matching(
                        order.total().amount(),
                        order.total().currency(),
                        order.category().value())
                .stream()
                .filter(policy ->
                        !Approval.applicableStages(policy, order.total()).isEmpty())
                .findFirst();
    }

    /** Opens the request for a new order under the policy; the order is being placed in this transaction. */
    @Transactional
    public ApprovalRequest open(UUID orderId, UUID policyId) {
        OrderSnapshot order = orders.find(orderId).orElseThrow(() -> ApiException.notFound("Order"));
        ApprovalPolicy policy = policies.findAny(policyId).orElseThrow(() -> ApiException.notFound("Approval policy"));
        Optional<UserSummary> requester = users.find(order.userId());
        Approval approval = Approval.open(
                UUID.randomUUID(),
                ORDER,
                order.id(),
                order.userId(),
                requester.map(UserSummary::displayName).orElse(null),
                requester.map(UserSummary::email).orElse(null),
                new ApprovalOrder(order.productId(), order.productName(), order.quantity(), order.input()),
                order.total(),
                order.category().value(),
                policy,
                this::withRole,
                AGENT,
                now());
        requests.insert(approval);
        publish(approval);
        return approval.view(true);
    }

    /**
     * Applies an approver's decision under the request's row lock (so two decisions take turns); when the
     * request ends, the order moves on. The request refuses a decision it does not take (403, 409). The
     * order is locked too (request first, then order, as every path takes them): a cancellation that
     * committed before — whose news reaches the request asynchronously — refuses the decision (409 {@code
     * invalid_state}); one that comes later waits for it.
     */
    @Transactional
    public ApprovalRequest decide(UUID requestId, UUID approverId, Decision decision, @Nullable String comment) {
        Approval approval = requests.lock(requestId).orElseThrow(() -> ApiException.notFound("Approval request"));
        UserSummary approver = users.find(approverId).orElseThrow(() -> ApiException.notFound("User"));
        Integer stage = approval.currentStage();
        Approval.Outcome outcome = approval.decide(
                approverId, approver.displayName(), approver.roles(), decision, comment, this::withRole, AGENT, now());
        orders.lockByApproval(requestId)
                .filter(order -> order.status() != OrderStatus.AWAITING_APPROVAL)
                .ifPresent(order -> {
                    throw new DomainConflict(
                            ErrorCodes.INVALID_STATE,
                            "The order is " + order.status().value() + "; its approval request takes no decisions",
                            Map.of("orderStatus", order.status().value()));
                });
        requests.save(approval);
        publish(approval);
        // The order's timeline names the approver whose decision moved it, not the agent that applied it.
        Actor by = Actor.user(approverId, approver.displayName());
        switch (outcome) {
            case APPROVED -> {
                List<String> approvers = approval.approverNamesOfStage(stage == null ? 0 : stage);
                int stages = approval.stages().size();
                orders.approve(
                        requestId,
                        by,
                        TimelineNote.of(
                                        TimelineNote.Kind.APPROVED,
                                        "Approved by " + String.join(", ", approvers)
                                                + (stages > 1
                                                        ? " (" + stages + " stages of '" + approval.policyName() + "')"
                                                        : " ('" + approval.policyName() + "')"))
                                .with("approvers", approvers)
                                .with("stages", stages)
                                .with("policyName", approval.policyName()));
            }
            case REJECTED ->
                orders.reject(
                        requestId,
                        by,
                        TimelineNote.of(
                                        TimelineNote.Kind.REJECTED,
                                        "Rejected by " + approver.displayName()
                                                + (comment == null ? "" : ": " + comment))
                                .with("approver", approver.displayName())
                                .with("comment", comment));
            case CHANGES_REQUESTED ->
                orders.changesRequested(
                        requestId,
                        by,
                        TimelineNote.of(
                                        TimelineNote.Kind.CHANGES_REQUESTED,
                                        "Changes requested by " + approver.displayName()
                                                + (comment == null ? "" : ": " + comment))
                                .with("approver", approver.displayName())
                                .with("comment", comment));
            default -> {}
        }
        return approval.view(true);
    }

    /** The current stage passed its due time (the caller holds the request's lock); the timer is the actor. */
    @Transactional
    public ApprovalRequest timeOut(UUID requestId) {
        Approval approval = requests.lock(requestId).orElseThrow(() -> ApiException.notFound("Approval request"));
        Approval.Outcome outcome = approval.timeOut(this::withRole, Actor.system(), now());
        return settle(approval, outcome, "Approval expired: nobody decided in time");
    }

    /**
     * Hands over the current stage when no one may decide it any more (the caller holds the request's
     * lock and checked {@link Approval#nobodyMayDecide}): escalated to the admins, or expired when none may
     * decide it; the timer is the actor.
     */
    @Transactional
    public ApprovalRequest handOver(UUID requestId) {
        Approval approval = requests.lock(requestId).orElseThrow(() -> ApiException.notFound("Approval request"));
        Approval.Outcome outcome = approval.handOver(this::withRole, Actor.system(), now());
        return settle(approval, outcome, "Approval expired: no one may decide it");
    }

    /** Saves what the timer did to the request; an expired request rejects its order. */
    private ApprovalRequest settle(Approval approval, Approval.Outcome outcome, String expiredNote) {
        requests.save(approval);
        publish(approval);
        if (outcome == Approval.Outcome.EXPIRED) {
            orders.reject(
                    approval.id(), Actor.system(), TimelineNote.of(TimelineNote.Kind.APPROVAL_EXPIRED, expiredNote));
        }
        return approval.view(true);
    }

    /** Whether no one may decide the request's current stage any more (see {@link Approval#nobodyMayDecide}). */
    @Transactional(readOnly = true)
    public boolean nobodyMayDecide(UUID requestId) {
        return requests.find(requestId)
                .filter(approval -> approval.nobodyMayDecide(this::withRole))
                .isPresent();
    }

    /** Reopens the request of an order whose owner revised its input after changes were requested. */
    @Transactional
    public ApprovalRequest reopen(UUID requestId, UUID userId, @Nullable JsonNode revisedInput) {
        Approval approval = requests.lock(requestId).orElseThrow(() -> ApiException.notFound("Approval request"));
        String name = users.find(userId).map(UserSummary::displayName).orElse("Unknown user");
        approval.reopen(userId, revisedInput, Actor.user(userId, name), this::withRole, AGENT, now());
        requests.save(approval);
        publish(approval);
        return approval.view(true);
    }

    /** The request of an order, locked (for reopening). */
    @Transactional
    public Optional<Approval> lockForOrder(UUID orderId) {
        return requests.lockForResource(ORDER, orderId);
    }

    /** Ends an open request whose order was cancelled; a decided one is left as it is. */
    @Transactional
    public void cancel(UUID requestId, Actor actor, @Nullable String reason) {
        requests.lock(requestId).ifPresent(approval -> {
            if (approval.cancel(actor, reason, now())) {
                requests.save(approval);
                publish(approval);
            }
        });
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ApprovalRequest> find(UUID requestId) {
        return requests.find(requestId).map(a -> a.view(true));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ApprovalRequest> findForOrder(UUID orderId) {
        return requests.findForResource(ORDER, orderId).map(a -> a.view(true));
    }

    @Override
    @Transactional(readOnly = true)
    public boolean isVisibleTo(UUID requestId, CurrentUser user) {
        return find(requestId)
                .filter(request -> user.isAdmin() || request.visibleTo().contains(user.id()))
                .isPresent();
    }

    @Override
    @Transactional(readOnly = true)
    public Map<ApprovalStatus, Long> countByStatus() {
        return requests.countByStatus();
    }

    private List<UUID> withRole(Role role) {
        return users.withRole(role).stream().map(UserSummary::id).toList();
    }

    private void publish(Approval approval) {
        approval.pullEvents().forEach(events::publishEvent);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
