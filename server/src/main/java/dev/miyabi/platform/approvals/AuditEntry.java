package dev.miyabi.platform.approvals;

import dev.miyabi.platform.shared.Actor;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One line of a request's audit trail: who ({@code actor}), what ({@code action}: {@code opened}, {@code
 * stage_started}, {@code approve}, {@code reject}, {@code request_changes}, {@code escalated}, {@code
 * expired}, {@code reopened}, {@code cancelled}), when, and the request's status before and after.
 *
 * @param stage the stage index it concerns, if any
 * @param round 1, then one more each time the request is reopened after changes
 */
public record AuditEntry(
        Instant at,
        Actor actor,
        String action,
        @Nullable ApprovalStatus fromStatus,
        ApprovalStatus toStatus,
        @Nullable Integer stage,
        int round,
        @Nullable String detail) {}
