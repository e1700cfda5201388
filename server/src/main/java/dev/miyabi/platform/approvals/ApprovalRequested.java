package dev.miyabi.platform.approvals;

import org.jspecify.annotations.Nullable;

/**
 * Approvers were asked to decide ({@code approval.requested}): a request was opened ({@code previousStatus}
 * null) or reopened ({@code changes_requested}), or its next stage started ({@code pending}). {@code
 * request.currentApprovers()} are the ones asked.
 */
public record ApprovalRequested(
        ApprovalRequest request, @Nullable ApprovalStatus previousStatus) implements ApprovalEvent {}
