package dev.miyabi.platform.approvals;

import java.util.Set;
import java.util.UUID;

/**
 * Something happened to an approval request. Every event carries the whole request after the change
 * (stages, decisions, audit trail). Besides admins, its requester and the approvers it names may see
 * it ({@link #visibleTo()}). Published inside the transaction of the change.
 */
public sealed interface ApprovalEvent
        permits ApprovalRequested, ApprovalDecided, ApprovalEscalated, ApprovalExpired, ApprovalCancelled {

    ApprovalRequest request();

    default Set<UUID> visibleTo() {
        return request().visibleTo();
    }
}
