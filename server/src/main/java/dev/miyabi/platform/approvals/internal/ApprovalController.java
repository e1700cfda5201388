package dev.miyabi.platform.approvals.internal;

import dev.miyabi.platform.approvals.ApprovalRequest;
import dev.miyabi.platform.approvals.ApprovalStatus;
import dev.miyabi.platform.approvals.Decision;
import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.PageQuery;
import dev.miyabi.platform.shared.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/approvals")
@Tag(name = "Approvals")
class ApprovalController {

    private static final Set<String> SORTABLE = Set.of("createdAt");
    private static final int MAX_COMMENT = 2000;

    private final ApprovalService approvals;

    ApprovalController(ApprovalService approvals) {
        this.approvals = approvals;
    }

    record DecisionRequest(
            @NotNull(message = "is required: approve, reject, request_changes") @Nullable
            Decision decision,

            @Size(max = MAX_COMMENT, message = "must be at most " + MAX_COMMENT + " characters") @Nullable
            String comment) {}

    @GetMapping
    @Operation(
            summary = "Approval requests you may see, newest first",
            description = "status=pending&assignedToMe=true is an approver's inbox (awaiting your decision now)."
                    + " askedMe=true: every request that asked you in some stage or that you decided, in any state"
                    + " (with status: in that state), including pending ones you already decided."
                    + " Without either: your own requests and those naming you as approver (admins: all;"
                    + " filter requesterId, resourceId). Items carry stages and decisions, not the audit trail.")
    PageResponse<ApprovalRequest> list(
            @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(required = false) @Nullable Integer size,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable ApprovalStatus status,
            @RequestParam(required = false) @Nullable Boolean assignedToMe,
            @RequestParam(required = false) @Nullable Boolean askedMe,
            @RequestParam(required = false) @Nullable UUID requesterId,
            @RequestParam(required = false) @Nullable UUID resourceId,
            CurrentUser user) {
        PageQuery query = PageQuery.of(page, size, sort, SORTABLE, "createdAt,desc");
        return approvals.list(
                user,
                new ApprovalService.Query(
                        status,
                        Boolean.TRUE.equals(assignedToMe),
                        Boolean.TRUE.equals(askedMe),
                        requesterId,
                        resourceId),
                query);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One approval request with its stages, decisions and audit trail")
    ApprovalRequest get(@PathVariable UUID id, CurrentUser user) {
        return approvals.get(id, user);
    }

    @PostMapping("/{id}/decisions")
    @Operation(
            summary = "Decide on a request as an approver of its current stage",
            description = "{decision: approve|reject|request_changes, comment} (a comment is required to reject or"
                    + " to request changes). 403 self_approval_forbidden for the requester, 403 forbidden for"
                    + " non-approvers of the current stage, 409 already_decided for a second decision in the"
                    + " stage, 409 invalid_state once the request is no longer pending. Answers the request.")
    ApprovalRequest decide(@PathVariable UUID id, @Valid @RequestBody DecisionRequest body, CurrentUser user) {
        Decision decision = Objects.requireNonNull(body.decision());
        String comment = body.comment() == null || body.comment().isBlank()
                ? null
                : body.comment().strip();
        if (comment == null && decision != Decision.APPROVE) {
            throw ApiException.validation(
                    "comment", "is required to " + decision.value().replace('_', ' '));
        }
        return approvals.decide(id, user, decision, comment);
    }
}
