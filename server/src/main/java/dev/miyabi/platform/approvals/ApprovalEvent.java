package dev.miyabi.platform.approvals;

import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Something happened to an approval request. Every event carries the whole request after the change
 * (stages, decisions, audit trail) and the status it had before ({@link #previousStatus()}). Besides
 * admins, its requester and the approvers it names or asks may see it ({@link #visibleTo()}). Published
 * inside the transaction of the change.
 */
public sealed interface ApprovalEvent
        permits ApprovalRequested, ApprovalDecided, ApprovalEscalated, ApprovalExpired, ApprovalCancelled {

    ApprovalRequest request();

    /**
     * The request's status before the change: null for a new request, equal to {@code request().status()}
     * when the change left it as it was (a decision that did not end the stage, the next stage, an
     * escalation).
     */
    @Nullable
    ApprovalStatus previousStatus();

    default Set<UUID> visibleTo() {
        return request().visibleTo();
    }
}
