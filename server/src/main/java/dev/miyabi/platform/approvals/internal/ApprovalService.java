package dev.miyabi.platform.approvals.internal;

import dev.miyabi.platform.approvals.ApprovalRequest;
import dev.miyabi.platform.approvals.ApprovalStatus;
import dev.miyabi.platform.approvals.Decision;
import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.NotPermitted;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The approval use cases of the HTTP API: listings (an approver's inbox, a requester's own requests,
 * everything for admins), reading one request, and deciding. A request is visible to its requester,
 * the approvers it names and admins; to anyone else it does not exist (404).
 */
@Service
class ApprovalService {

    private final ApprovalRequests requests;
    private final ApprovalWorkflow workflow;
    private final ApprovalWorkflowAgent agent;

    ApprovalService(ApprovalRequests requests, ApprovalWorkflow workflow, ApprovalWorkflowAgent agent) {
        this.requests = requests;
        this.workflow = workflow;
        this.agent = agent;
    }

    /**
     * What a listing asks for; {@code assignedToMe} narrows to requests awaiting the caller's decision
     * (when pending) or naming the caller as approver; {@code askedMe} to requests that named the caller
     * as approver in any stage or that the caller decided, whatever their state.
     */
    public record Query(
            @Nullable ApprovalStatus status,
            boolean assignedToMe,
            boolean askedMe,
            @Nullable UUID requesterId,
            @Nullable UUID resourceId) {}

    @Transactional(readOnly = true)
    public PageResponse<ApprovalRequest> list(CurrentUser user, Query query, PageQuery page) {
        if (query.requesterId() != null
                && !user.isAdmin()
                && !query.requesterId().equals(user.id())) {
            throw new NotPermitted("Only admins may list other users' approval requests");
        }
        ApprovalRequests.Filter filter = new ApprovalRequests.Filter(
                query.status(),
                query.assignedToMe() ? user.id() : null,
                query.askedMe() ? user.id() : null,
                user.isAdmin() || query.assignedToMe() || query.askedMe() ? null : user.id(),
                query.requesterId(),
                query.resourceId());
        List<ApprovalRequest> items = requests.page(filter, page);
        long total = items.size() < page.size() && (!items.isEmpty() || page.offset() == 0)
                ? page.offset() + items.size()
                : requests.count(filter);
        return PageResponse.of(items, page, total);
    }

    @Transactional(readOnly = true)
    public ApprovalRequest get(UUID id, CurrentUser user) {
        return workflow.find(id)
                .filter(request -> user.isAdmin() || request.visibleTo().contains(user.id()))
                .orElseThrow(() -> ApiException.notFound("Approval request"));
    }

    /**
     * An approver decides: the ApprovalWorkflowAgent applies the decision ({@link ApprovalWorkflow#decide})
     * as a task on the agent board, in this transaction.
     */
    @Transactional
    public ApprovalRequest decide(UUID id, CurrentUser user, Decision decision, @Nullable String comment) {
        ApprovalRequest visible = workflow.find(id)
                .filter(request -> user.isAdmin() || request.visibleTo().contains(user.id()))
                .orElseThrow(() -> ApiException.notFound("Approval request"));
        return agent.decide(visible.id(), visible.resourceId(), user.id(), decision, comment);
    }
}
