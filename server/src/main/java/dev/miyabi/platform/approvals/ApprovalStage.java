package dev.miyabi.platform.approvals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A stage of a request, as its policy defined it when the request was opened.
 *
 * @param approverRole the role whose holders decide ({@code approver}, {@code admin}), or null when the
 *     stage names users ({@code approverIds})
 * @param approvers who may decide in this stage now: fixed when the stage starts (the requester never
 *     among them), plus the admins once it is escalated
 * @param escalated the stage timed out and was handed to the admins; any one of them decides
 * @param dueAt when it times out (null: no deadline)
 * @param decisions the decisions of the current round
 */
public record ApprovalStage(
        int index,
        String name,
        ApprovalMode mode,
        @Nullable String approverRole,
        List<UUID> approverIds,
        @Nullable Integer timeoutHours,
        TimeoutAction onTimeout,
        StageStatus status,
        List<UUID> approvers,
        boolean escalated,
        @Nullable Instant startedAt,
        @Nullable Instant dueAt,
        @Nullable Instant decidedAt,
        List<ApprovalDecision> decisions) {}
