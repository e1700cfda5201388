package dev.miyabi.platform.approvals.internal;

import dev.miyabi.platform.approvals.AlreadyDecided;
import dev.miyabi.platform.approvals.ApprovalCancelled;
import dev.miyabi.platform.approvals.ApprovalDecided;
import dev.miyabi.platform.approvals.ApprovalDecision;
import dev.miyabi.platform.approvals.ApprovalEscalated;
import dev.miyabi.platform.approvals.ApprovalEvent;
import dev.miyabi.platform.approvals.ApprovalExpired;
import dev.miyabi.platform.approvals.ApprovalMode;
import dev.miyabi.platform.approvals.ApprovalOrder;
import dev.miyabi.platform.approvals.ApprovalPolicy;
import dev.miyabi.platform.approvals.ApprovalRequest;
import dev.miyabi.platform.approvals.ApprovalRequested;
import dev.miyabi.platform.approvals.ApprovalStage;
import dev.miyabi.platform.approvals.ApprovalStatus;
import dev.miyabi.platform.approvals.AuditEntry;
import dev.miyabi.platform.approvals.Decision;
import dev.miyabi.platform.approvals.SelfApprovalForbidden;
import dev.miyabi.platform.approvals.StageStatus;
import dev.miyabi.platform.approvals.TimeoutAction;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.shared.Actor;
import dev.miyabi.platform.shared.InvalidStateTransition;
import dev.miyabi.platform.shared.Money;
import dev.miyabi.platform.shared.NotPermitted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The approval request aggregate: its stages, decisions and audit trail, and every rule about them.
 * Each change is a method named for its intent that checks its rule (else a {@link dev.miyabi.platform.shared.DomainException} and
 * nothing changes), appends to the audit trail and registers an {@link ApprovalEvent}; the repository
 * stores it and the workflow publishes the events.
 */
final class Approval {

    /** Who may approve: the users holding a role (the directory), fixed when a stage starts. */
    interface Approvers {
        List<UUID> withRole(Role role);
    }

    /** What a decision or timeout led to. */
    enum Outcome {
        PENDING,
        NEXT_STAGE,
        APPROVED,
        REJECTED,
        CHANGES_REQUESTED,
        ESCALATED,
        EXPIRED
    }

    /** A stage, mutable while the request runs. */
    static final class Stage {
        final int index;
        final String name;
        final ApprovalMode mode;
        final @Nullable Role approverRole;
        final List<UUID> approverIds;
        final @Nullable Integer timeoutHours;
        final TimeoutAction onTimeout;
        StageStatus status;
        List<UUID> approvers;
        boolean escalated;

        @Nullable
        Instant startedAt;

        @Nullable
        Instant dueAt;

        @Nullable
        Instant decidedAt;

        Stage(
                int index,
                String name,
                ApprovalMode mode,
                @Nullable Role approverRole,
                List<UUID> approverIds,
                @Nullable Integer timeoutHours,
                TimeoutAction onTimeout,
                StageStatus status,
                List<UUID> approvers,
                boolean escalated,
                @Nullable Instant startedAt,
                @Nullable Instant dueAt,
                @Nullable Instant decidedAt) {
            this.index = index;
            this.name = name;
            this.mode = mode;
            this.approverRole = approverRole;
            this.approverIds = List.copyOf(approverIds);
            this.timeoutHours = timeoutHours;
            this.onTimeout = onTimeout;
            this.status = status;
            this.approvers = List.copyOf(approvers);
            this.escalated = escalated;
            this.startedAt = startedAt;
            this.dueAt = dueAt;
            this.decidedAt = decidedAt;
        }

        /** The role a decider needs now: the admins' once escalated, else the stage's own (none for named users). */
        @Nullable
        Role requiredRole() {
            return escalated ? Role.ADMIN : approverRole;
        }
    }

    /** A decision as stored: with its round and stage. */
    record DecisionRow(UUID id, int round, int stage, ApprovalDecision decision) {}

    private final UUID id;
    private final String resourceType;
    private final UUID resourceId;
    private final UUID requesterId;
    private final @Nullable String requesterName;
    private final @Nullable String requesterEmail;
    private @Nullable ApprovalOrder order;
    private final UUID policyId;
    private final String policyName;
    private final Money amount;
    private final @Nullable String category;
    private final Instant createdAt;
    private ApprovalStatus status;
    private @Nullable Integer currentStage;
    private int round;
    private long version;
    private final long savedVersion;
    private Instant updatedAt;
    private @Nullable Instant decidedAt;
    private final List<Stage> stages;
    private final List<DecisionRow> decisions;
    private final List<AuditEntry> audit;
    private final int savedDecisions;
    private final int savedAudit;
    private final boolean isNew;
    private final List<ApprovalEvent> events = new ArrayList<>();

    private Approval(
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
            long version,
            Instant createdAt,
            Instant updatedAt,
            @Nullable Instant decidedAt,
            List<Stage> stages,
            List<DecisionRow> decisions,
            List<AuditEntry> audit,
            boolean isNew) {
        this.id = id;
        this.resourceType = resourceType;
        this.resourceId = resourceId;
        this.requesterId = requesterId;
        this.requesterName = requesterName;
        this.requesterEmail = requesterEmail;
        this.order = order;
        this.policyId = policyId;
        this.policyName = policyName;
        this.amount = amount;
        this.category = category;
        this.status = status;
        this.currentStage = currentStage;
        this.round = round;
        this.version = version;
        this.savedVersion = version;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.decidedAt = decidedAt;
        this.stages = new ArrayList<>(stages);
        this.decisions = new ArrayList<>(decisions);
        this.audit = new ArrayList<>(audit);
        this.savedDecisions = isNew ? 0 : decisions.size();
        this.savedAudit = isNew ? 0 : audit.size();
        this.isNew = isNew;
    }

    /**
     * Opens a request for an order under a policy: the policy's stages that apply to the amount, the
     * first one started at once.
     */
    static Approval open(
            UUID id,
            String resourceType,
            UUID resourceId,
            UUID requesterId,
            @Nullable String requesterName,
            @Nullable String requesterEmail,
            ApprovalOrder order,
            Money amount,
            @Nullable String category,
            ApprovalPolicy policy,
            Approvers approvers,
            Actor agent,
            Instant now) {
        List<Stage> stages = new ArrayList<>();
        for (ApprovalPolicy.Stage definition : applicableStages(policy, amount)) {
            stages.add(new Stage(
                    stages.size(),
                    definition.name(),
                    definition.mode(),
                    definition.approverRole() == null
                            ? null
                            : Role.parse(definition.approverRole()).orElseThrow(),
                    definition.approverIds(),
                    definition.timeoutHours(),
                    definition.onTimeout(),
                    StageStatus.WAITING,
                    List.of(),
                    false,
                    null,
                    null,
                    null));
        }
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("Policy " + policy.id() + " has no stage for " + amount);
        }
        Approval approval = new Approval(
                id,
                resourceType,
                resourceId,
                requesterId,
                requesterName,
                requesterEmail,
                order,
                policy.id(),
                policy.name(),
                amount,
                category,
                ApprovalStatus.PENDING,
                0,
                1,
                0,
                now,
                now,
                null,
                stages,
                List.of(),
                List.of(),
                true);
        approval.audit.add(new AuditEntry(
                now,
                agent,
                "opened",
                null,
                ApprovalStatus.PENDING,
                null,
                1,
                "Policy '" + policy.name() + "' applies to " + amount.amount().toPlainString() + " " + amount.currency()
                        + ": " + stages.size() + (stages.size() == 1 ? " stage" : " stages")));
        approval.startStage(0, approvers, agent, now);
        approval.events.add(new ApprovalRequested(approval.view(true), null));
        return approval;
    }

    /** The policy's stages that apply to an amount (a stage with a {@code minAmount} above it is skipped). */
    static List<ApprovalPolicy.Stage> applicableStages(ApprovalPolicy policy, Money amount) {
        return policy.stages().stream()
                .filter(stage -> stage.minAmount() == null || amount.amount().compareTo(stage.minAmount()) >= 0)
                .toList();
    }

    static Approval restore(
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
            long version,
            Instant createdAt,
            Instant updatedAt,
            @Nullable Instant decidedAt,
            List<Stage> stages,
            List<DecisionRow> decisions,
            List<AuditEntry> audit) {
        return new Approval(
                id,
                resourceType,
                resourceId,
                requesterId,
                requesterName,
                requesterEmail,
                order,
                policyId,
                policyName,
                amount,
                category,
                status,
                currentStage,
                round,
                version,
                createdAt,
                updatedAt,
                decidedAt,
                stages,
                decisions,
                audit,
                false);
    }

    // ---- decisions ----------------------------------------------------------------------------

    /**
     * Checks that the user may make this decision now: not the requester (403 {@code
     * self_approval_forbidden}), the request pending (409 {@code invalid_state}; {@code already_decided}
     * for the approver whose decision in the stage it ended at is already recorded), not decided yet in this
     * stage (409 {@code already_decided}), and an approver of the current stage still holding the role it
     * needs — the admin role once it was escalated — who decided no earlier stage of this round (403 {@code
     * forbidden}).
     */
    void checkDecision(UUID approverId, Set<Role> roles) {
        if (approverId.equals(requesterId)) {
            throw new SelfApprovalForbidden();
        }
        if (status != ApprovalStatus.PENDING || currentStage == null) {
            // A repeated decision (a retry, a second click) after the first one ended the request.
            Optional<Stage> endedAt = stages.reversed().stream()
                    .filter(stage -> stage.status != StageStatus.WAITING)
                    .findFirst();
            if (endedAt.isPresent()
                    && decisionOf(approverId, endedAt.get().index).isPresent()) {
                throw alreadyDecided(endedAt.get());
            }
            throw new InvalidStateTransition(
                    status.value(),
                    "The approval request is " + status.value() + "; only a pending request takes decisions");
        }
        Stage stage = stages.get(currentStage);
        if (decisionOf(approverId, stage.index).isPresent()) {
            throw alreadyDecided(stage);
        }
        if (decidedEarlierStage(approverId, stage.index)) {
            throw new NotPermitted(
                    "You decided an earlier stage of this request; another person decides '" + stage.name + "'");
        }
        Role required = stage.requiredRole();
        if (!stage.approvers.contains(approverId) || (required != null && !roles.contains(required))) {
            throw new NotPermitted(
                    stage.escalated
                            ? "The stage '" + stage.name
                                    + "' was escalated; an admin asked by the escalation decides it"
                            : "You are not an approver of the current stage ('" + stage.name + "')");
        }
    }

    private static AlreadyDecided alreadyDecided(Stage stage) {
        return new AlreadyDecided(stage.index, stage.name);
    }

    /** Records an approver's decision and applies its effect on the stage and the request. */
    Outcome decide(
            UUID approverId,
            String approverName,
            Set<Role> roles,
            Decision decision,
            @Nullable String comment,
            Approvers approvers,
            Actor agent,
            Instant now) {
        checkDecision(approverId, roles);
        Stage stage = stages.get(Objects.requireNonNull(currentStage));
        ApprovalDecision made = new ApprovalDecision(approverId, approverName, decision, comment, now);
        decisions.add(new DecisionRow(UUID.randomUUID(), round, stage.index, made));
        ApprovalStatus before = status;
        Outcome outcome = evaluate(stage, decision, now);
        Actor approver = Actor.user(approverId, approverName);
        audit.add(new AuditEntry(now, approver, decision.value(), before, status, stage.index, round, comment));
        if (outcome == Outcome.NEXT_STAGE) {
            startStage(stage.index + 1, approvers, agent, now);
        }
        touch(now);
        events.add(new ApprovalDecided(view(true), made));
        if (outcome == Outcome.NEXT_STAGE) {
            events.add(new ApprovalRequested(view(true), ApprovalStatus.PENDING));
        }
        return outcome;
    }

    private Outcome evaluate(Stage stage, Decision decision, Instant now) {
        if (decision == Decision.REQUEST_CHANGES) {
            stage.status = StageStatus.CHANGES_REQUESTED;
            stage.decidedAt = now;
            status = ApprovalStatus.CHANGES_REQUESTED;
            return Outcome.CHANGES_REQUESTED;
        }
        int n = stage.approvers.size();
        long approvals = countInStage(stage.index, Decision.APPROVE);
        long rejections = countInStage(stage.index, Decision.REJECT);
        // After escalation one admin's decision decides the stage; the votes cast before it no longer count.
        boolean rejected = stage.escalated
                ? decision == Decision.REJECT
                : switch (stage.mode) {
                    case ANY, ALL -> rejections >= 1;
                    case MAJORITY -> rejections >= n - n / 2;
                };
        if (rejected) {
            stage.status = StageStatus.REJECTED;
            stage.decidedAt = now;
            end(ApprovalStatus.REJECTED, now);
            return Outcome.REJECTED;
        }
        boolean approved = stage.escalated
                ? decision == Decision.APPROVE
                : switch (stage.mode) {
                    case ANY -> approvals >= 1;
                    case ALL -> approvals >= n;
                    case MAJORITY -> approvals >= n / 2 + 1;
                };
        if (!approved) {
            return Outcome.PENDING;
        }
        stage.status = StageStatus.APPROVED;
        stage.decidedAt = now;
        if (stage.index + 1 < stages.size()) {
            currentStage = stage.index + 1;
            return Outcome.NEXT_STAGE;
        }
        end(ApprovalStatus.APPROVED, now);
        return Outcome.APPROVED;
    }

    // ---- timeouts, reopening, cancellation ----------------------------------------------------

    /**
     * The current stage passed its due time: escalated to the admins (once; it then has no deadline) or,
     * with {@code onTimeout: reject}, the request expires. {@code timer} is who the audit trail names.
     */
    Outcome timeOut(Approvers approvers, Actor timer, Instant now) {
        Stage stage = requirePending("nothing can time out");
        String after = stage.timeoutHours == null ? "its deadline" : stage.timeoutHours + " h";
        if (stage.onTimeout == TimeoutAction.ESCALATE && !stage.escalated) {
            int asked = escalate(stage, approvers);
            record(now, timer, "escalated", stage.index, "Nobody decided within " + after + "; " + escalatedTo(asked));
            touch(now);
            events.add(new ApprovalEscalated(view(true)));
            return Outcome.ESCALATED;
        }
        return expire(stage, timer, "Nobody decided within " + after, now);
    }

    /**
     * Whether no one may decide the current stage any more: each approver it asks who has not decided
     * yet lost the role the stage needs (the admin role once escalated), or it asks no one.
     */
    boolean nobodyMayDecide(Approvers directory) {
        if (status != ApprovalStatus.PENDING || currentStage == null) {
            return false;
        }
        Stage stage = stages.get(currentStage);
        Role required = stage.requiredRole();
        Set<UUID> holders = required == null ? Set.of() : Set.copyOf(directory.withRole(required));
        return stage.approvers.stream()
                .filter(id -> decisionOf(id, stage.index).isEmpty())
                .noneMatch(id -> required == null || holders.contains(id));
    }

    /**
     * The current stage has no one left who may decide it ({@link #nobodyMayDecide}), whatever its
     * timeout: it is escalated to the admins who may decide it — again if it already was, so admins
     * named since then are asked — and when there are none, the request expires.
     */
    Outcome handOver(Approvers approvers, Actor timer, Instant now) {
        Stage stage = requirePending("nothing can be handed over");
        int asked = escalate(stage, approvers);
        if (asked == 0) {
            return expire(
                    stage,
                    timer,
                    "No one may decide the stage: its approvers lost their role and no admin "
                            + "may decide it under the four-eyes rule",
                    now);
        }
        record(
                now,
                timer,
                "escalated",
                stage.index,
                "No approver of the stage may still decide it; " + escalatedTo(asked));
        touch(now);
        events.add(new ApprovalEscalated(view(true)));
        return Outcome.ESCALATED;
    }

    private Stage requirePending(String otherwise) {
        if (status != ApprovalStatus.PENDING || currentStage == null) {
            throw new InvalidStateTransition(
                    status.value(), "The approval request is " + status.value() + "; " + otherwise);
        }
        return stages.get(currentStage);
    }

    private Outcome expire(Stage stage, Actor timer, String why, Instant now) {
        stage.status = StageStatus.EXPIRED;
        stage.decidedAt = now;
        ApprovalStatus before = status;
        end(ApprovalStatus.EXPIRED, now);
        audit.add(new AuditEntry(now, timer, "expired", before, status, stage.index, round, why));
        touch(now);
        events.add(new ApprovalExpired(view(true)));
        return Outcome.EXPIRED;
    }

    private static String escalatedTo(int admins) {
        return "escalated to " + admins + " admin" + (admins == 1 ? "" : "s");
    }

    /**
     * The requester revised what was asked for: a request at {@code changes_requested} starts over at its first
     * stage, showing the revised input.
     */
    void reopen(
            UUID userId,
            @Nullable JsonNode revisedInput,
            Actor requester,
            Approvers approvers,
            Actor agent,
            Instant now) {
        checkReopen(userId);
        if (order != null) {
            order = new ApprovalOrder(order.productId(), order.productName(), order.quantity(), revisedInput);
        }
        round++;
        for (Stage stage : stages) {
            stage.status = StageStatus.WAITING;
            stage.approvers = List.of();
            stage.escalated = false;
            stage.startedAt = null;
            stage.dueAt = null;
            stage.decidedAt = null;
        }
        ApprovalStatus before = status;
        status = ApprovalStatus.PENDING;
        currentStage = 0;
        decidedAt = null;
        audit.add(new AuditEntry(
                now, requester, "reopened", before, status, null, round, "Revised; back to the first stage"));
        startStage(0, approvers, agent, now);
        touch(now);
        events.add(new ApprovalRequested(view(true), before));
    }

    /** Refuses a reopening by anyone but the requester, or of a request not at {@code changes_requested}. */
    void checkReopen(UUID userId) {
        if (!userId.equals(requesterId)) {
            throw new NotPermitted("Only the requester can reopen the request");
        }
        if (status != ApprovalStatus.CHANGES_REQUESTED) {
            throw new InvalidStateTransition(
                    status.value(),
                    "The approval request is " + status.value() + "; it reopens only after changes were requested");
        }
    }

    /** The resource went away (order cancelled): an open request ends; a decided one is left as it is. */
    boolean cancel(Actor actor, @Nullable String reason, Instant now) {
        if (status != ApprovalStatus.PENDING && status != ApprovalStatus.CHANGES_REQUESTED) {
            return false;
        }
        if (currentStage != null) {
            Stage stage = stages.get(currentStage);
            stage.status = StageStatus.CANCELLED;
            stage.decidedAt = now;
        }
        ApprovalStatus before = status;
        end(ApprovalStatus.CANCELLED, now);
        audit.add(new AuditEntry(now, actor, "cancelled", before, status, null, round, reason));
        touch(now);
        events.add(new ApprovalCancelled(view(true), before));
        return true;
    }

    // ---- internals ----------------------------------------------------------------------------

    private void startStage(int index, Approvers approvers, Actor agent, Instant now) {
        Stage stage = stages.get(index);
        currentStage = index;
        stage.status = StageStatus.PENDING;
        stage.startedAt = now;
        stage.dueAt = stage.timeoutHours == null ? null : now.plus(Duration.ofHours(stage.timeoutHours));
        stage.escalated = false;
        Set<UUID> eligible = new LinkedHashSet<>(
                stage.approverRole == null ? stage.approverIds : approvers.withRole(stage.approverRole));
        eligible.remove(requesterId);
        // Four eyes: whoever decided an earlier stage of this round is not asked again.
        eligible.removeIf(id -> decidedEarlierStage(id, index));
        stage.approvers = List.copyOf(eligible);
        record(
                now,
                agent,
                "stage_started",
                index,
                "Stage '" + stage.name + "' (" + stage.mode.value() + ") asks " + eligible.size() + " approver"
                        + (eligible.size() == 1 ? "" : "s")
                        + (stage.approverRole == null ? "" : " (role " + stage.approverRole.value() + ")")
                        + (stage.dueAt == null ? "" : "; due " + stage.dueAt));
        if (eligible.isEmpty()) {
            int asked = escalate(stage, approvers);
            // With no admin either, the stage asks no one and the timeout check expires it (handOver).
            record(now, agent, "escalated", index, "No one else could decide; " + escalatedTo(asked));
        }
    }

    /**
     * Hands the stage to the admins: from now on the first decision of one of them decides it. Asked are
     * the admins who are not the requester, decided no earlier stage of this round and did not decide this
     * one before (their decision stays on record but no longer counts); the stage loses its deadline.
     * Returns how many admins it asks.
     */
    private int escalate(Stage stage, Approvers approvers) {
        Set<UUID> admins = new LinkedHashSet<>(approvers.withRole(Role.ADMIN));
        admins.remove(requesterId);
        admins.removeIf(id -> decidedEarlierStage(id, stage.index)
                || decisionOf(id, stage.index).isPresent());
        stage.approvers = List.copyOf(admins);
        stage.escalated = true;
        stage.dueAt = null;
        return admins.size();
    }

    private boolean decidedEarlierStage(UUID userId, int stage) {
        return decisions.stream()
                .anyMatch(d -> d.round() == round
                        && d.stage() < stage
                        && d.decision().approverId().equals(userId));
    }

    private void end(ApprovalStatus outcome, Instant now) {
        status = outcome;
        currentStage = null;
        decidedAt = now;
    }

    private void touch(Instant now) {
        updatedAt = now;
        version = savedVersion + 1;
    }

    private void record(Instant at, Actor actor, String action, @Nullable Integer stage, @Nullable String detail) {
        audit.add(new AuditEntry(at, actor, action, status, status, stage, round, detail));
    }

    private long countInStage(int stage, Decision decision) {
        return decisions.stream()
                .filter(d ->
                        d.round() == round && d.stage() == stage && d.decision().decision() == decision)
                .count();
    }

    private Optional<ApprovalDecision> decisionOf(UUID approverId, int stage) {
        return decisions.stream()
                .filter(d -> d.round() == round && d.stage() == stage)
                .map(DecisionRow::decision)
                .filter(d -> d.approverId().equals(approverId))
                .findFirst();
    }

    /** The request as the API shows it; the audit trail only when asked for. */
    ApprovalRequest view(boolean withAudit) {
        List<ApprovalStage> shown = stages.stream()
                .map(stage -> new ApprovalStage(
                        stage.index,
                        stage.name,
                        stage.mode,
                        stage.approverRole == null ? null : stage.approverRole.value(),
                        stage.approverIds,
                        stage.timeoutHours,
                        stage.onTimeout,
                        stage.status,
                        stage.approvers,
                        stage.escalated,
                        stage.startedAt,
                        stage.dueAt,
                        stage.decidedAt,
                        decisions.stream()
                                .filter(d -> d.round() == round && d.stage() == stage.index)
                                .map(DecisionRow::decision)
                                .toList()))
                .toList();
        return new ApprovalRequest(
                id,
                resourceType,
                resourceId,
                requesterId,
                requesterName,
                requesterEmail,
                order,
                policyId,
                policyName,
                amount,
                category,
                status,
                currentStage,
                round,
                shown,
                withAudit ? List.copyOf(audit) : null,
                createdAt,
                updatedAt,
                decidedAt,
                version);
    }

    List<ApprovalEvent> pullEvents() {
        List<ApprovalEvent> pulled = List.copyOf(events);
        events.clear();
        return pulled;
    }

    List<DecisionRow> unsavedDecisions() {
        return List.copyOf(decisions.subList(savedDecisions, decisions.size()));
    }

    List<AuditEntry> unsavedAudit() {
        return List.copyOf(audit.subList(savedAudit, audit.size()));
    }

    List<Stage> stages() {
        return List.copyOf(stages);
    }

    boolean isNew() {
        return isNew;
    }

    UUID id() {
        return id;
    }

    UUID requesterId() {
        return requesterId;
    }

    @Nullable
    String requesterName() {
        return requesterName;
    }

    @Nullable
    String requesterEmail() {
        return requesterEmail;
    }

    @Nullable
    ApprovalOrder order() {
        return order;
    }

    UUID resourceId() {
        return resourceId;
    }

    String resourceType() {
        return resourceType;
    }

    UUID policyId() {
        return policyId;
    }

    String policyName() {
        return policyName;
    }

    Money amount() {
        return amount;
    }

    @Nullable
    String category() {
        return category;
    }

    ApprovalStatus status() {
        return status;
    }

    @Nullable
    Integer currentStage() {
        return currentStage;
    }

    int round() {
        return round;
    }

    long version() {
        return version;
    }

    long savedVersion() {
        return savedVersion;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    @Nullable
    Instant decidedAt() {
        return decidedAt;
    }

    /** Who approved in the last stage decided (names, for the order's timeline). */
    List<String> approverNamesOfStage(int stage) {
        return decisions.stream()
                .filter(d ->
                        d.round() == round && d.stage() == stage && d.decision().decision() == Decision.APPROVE)
                .map(d -> d.decision().approverName())
                .toList();
    }
}
