package dev.miyabi.platform.approvals;

/**
 * The order was cancelled while its request was open ({@code pending} or {@code changes_requested}, the
 * {@code previousStatus}); nobody needs to decide any more.
 */
public record ApprovalCancelled(ApprovalRequest request, ApprovalStatus previousStatus) implements ApprovalEvent {}
