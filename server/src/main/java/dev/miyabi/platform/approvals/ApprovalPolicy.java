package dev.miyabi.platform.approvals;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A rule that orders need approval, and by whom. It applies to orders whose total is at least {@code
 * minAmount} (in {@code currency}, or in any currency when that is null) and whose product is in one of
 * {@code categories} (any when empty). When several active policies apply, the highest {@code
 * priority} wins, then the highest {@code minAmount}, then the oldest.
 */
public record ApprovalPolicy(
        UUID id,
        String name,
        boolean active,
        int priority,
        AppliesTo appliesTo,
        List<Stage> stages,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** What the policy applies to. */
    public record AppliesTo(
            String resourceType,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal minAmount,
            @Nullable String currency,
            List<String> categories) {}

    /**
     * One stage: an approver role or named users, a mode, an optional timeout with its action, and an
     * optional {@code minAmount} below which the stage is skipped (so one policy can ask for more
     * approvals of larger orders).
     */
    public record Stage(
            String name,
            @Nullable String approverRole,
            List<UUID> approverIds,
            ApprovalMode mode,
            @Nullable Integer timeoutHours,
            TimeoutAction onTimeout,

            @JsonFormat(shape = JsonFormat.Shape.STRING) @Nullable
            BigDecimal minAmount) {}
}
