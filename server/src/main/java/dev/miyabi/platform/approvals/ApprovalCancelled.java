package dev.miyabi.platform.approvals;

/** The order was cancelled while its request was open; nobody needs to decide any more. */
public record ApprovalCancelled(ApprovalRequest request) implements ApprovalEvent {}
