package dev.miyabi.platform.approvals;

/**
 * Approvers were asked to decide ({@code approval.requested}): a request was opened or reopened, or its
 * next stage started. {@code request.currentApprovers()} are the ones asked.
 */
public record ApprovalRequested(ApprovalRequest request) implements ApprovalEvent {}
