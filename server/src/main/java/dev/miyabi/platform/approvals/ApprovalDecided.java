package dev.miyabi.platform.approvals;

/**
 * An approver decided ({@code approval.decided}); the request shows the effect (still pending, next
 * stage, approved, rejected or changes requested). Only a pending request takes decisions, so that is
 * always its previous status.
 */
public record ApprovalDecided(ApprovalRequest request, ApprovalDecision decision) implements ApprovalEvent {

    @Override
    public ApprovalStatus previousStatus() {
        return ApprovalStatus.PENDING;
    }
}
