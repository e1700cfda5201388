package dev.miyabi.platform.approvals;

/**
 * The current stage timed out and was handed to the admins, who are now among its approvers. The request
 * stays {@code pending}.
 */
public record ApprovalEscalated(ApprovalRequest request) implements ApprovalEvent {

    @Override
    public ApprovalStatus previousStatus() {
        return ApprovalStatus.PENDING;
    }
}
