package dev.miyabi.platform.approvals;

/** The current stage timed out with {@code onTimeout: reject}: the request expired and its order is rejected. */
public record ApprovalExpired(ApprovalRequest request) implements ApprovalEvent {}
