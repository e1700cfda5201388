package dev.miyabi.platform.approvals;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One approver's decision in a stage. */
public record ApprovalDecision(
        UUID approverId,
        String approverName,
        Decision decision,
        @Nullable String comment,
        Instant at) {}
