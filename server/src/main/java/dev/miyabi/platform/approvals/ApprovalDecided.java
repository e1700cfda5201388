package dev.miyabi.platform.approvals;

/**
 * An approver decided ({@code approval.decided}); the request shows the effect (still pending, next
 * stage, approved, rejected or changes requested).
 */
public record ApprovalDecided(ApprovalRequest request, ApprovalDecision decision) implements ApprovalEvent {}
