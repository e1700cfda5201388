package dev.miyabi.platform.approvals;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.miyabi.platform.shared.Money;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An approval request as the API shows it: the resource it is about (an order), who asked, the policy
 * that matched, its stages with their decisions, and — read one by one — its audit trail.
 *
 * @param requesterName the requester's display name when the request was opened (null for requests opened before
 *     names were kept and whose account is gone)
 * @param requesterEmail the requester's email when the request was opened (null only when the account is gone)
 * @param order what the order asks for (null only for a request whose order is gone)
 * @param currentStage the index of the stage deciding now (null once the request is decided)
 * @param round 1, then one more each time the request is reopened after changes were requested
 * @param audit the whole trail, oldest first; null in listings
 */
public record ApprovalRequest(
        UUID id,
        String resourceType,
        UUID resourceId,
        UUID requesterId,
        @Nullable String requesterName,
        @Nullable String requesterEmail,
        @Nullable ApprovalOrder order,
        UUID policyId,
        String policyName,
        Money amount,
        @Nullable String category,
        ApprovalStatus status,
        @Nullable Integer currentStage,
        int round,
        List<ApprovalStage> stages,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<AuditEntry> audit,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant decidedAt,
        long version) {

    /**
     * The users (besides admins) who may see the request: its requester, the users its stages name, and
     * everyone asked to decide or who decided.
     */
    @JsonIgnore
    public Set<UUID> visibleTo() {
        Set<UUID> users = new LinkedHashSet<>();
        users.add(requesterId);
        for (ApprovalStage stage : stages) {
            users.addAll(stage.approverIds());
            users.addAll(stage.approvers());
            stage.decisions().forEach(d -> users.add(d.approverId()));
        }
        return users;
    }

    /** The approvers of the stage deciding now (empty once decided). */
    @JsonIgnore
    public List<UUID> currentApprovers() {
        return currentStage == null ? List.of() : stages.get(currentStage).approvers();
    }
}
