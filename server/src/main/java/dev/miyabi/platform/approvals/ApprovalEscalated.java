package dev.miyabi.platform.approvals;

/** The current stage timed out and was handed to the admins, who are now among its approvers. */
public record ApprovalEscalated(ApprovalRequest request) implements ApprovalEvent {}
