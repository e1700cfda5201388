package dev.miyabi.platform.approvals;

/**
 * The current stage of a {@code pending} request timed out with {@code onTimeout: reject}: the request
 * expired and its order is rejected.
 */
public record ApprovalExpired(ApprovalRequest request) implements ApprovalEvent {

    @Override
    public ApprovalStatus previousStatus() {
        return ApprovalStatus.PENDING;
    }
}
