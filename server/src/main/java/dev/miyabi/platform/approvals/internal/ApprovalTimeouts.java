package dev.miyabi.platform.approvals.internal;

import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.identity.UserDirectory;
import dev.miyabi.platform.identity.UserSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalates or expires stages nobody decided in time, and hands over stages no one may decide any more
 * (every approver they ask lost the role the stage needs, or they ask no one) — whatever their timeout —
 * to the admins, or expires them when no admin may decide them either. Runs on every instance every
 * {@code miyabi.approvals.timeout-check-interval}; each request is handled in its own transaction that
 * first locks it with {@code FOR UPDATE SKIP LOCKED} and re-checks it, so an instance never handles a
 * request another one is handling (or has just handled), and a decision arriving at the same moment
 * either comes first (the stage is no longer due, or has a decider again) or waits.
 */
@Component
public class ApprovalTimeouts {

    private static final Logger log = LoggerFactory.getLogger(ApprovalTimeouts.class);

    private final ApprovalRequests requests;
    private final ApprovalWorkflow workflow;
    private final ApprovalWorkflowAgent agent;
    private final UserDirectory users;
    private final ApprovalsProperties properties;
    private final TransactionTemplate transactions;

    ApprovalTimeouts(
            ApprovalRequests requests,
            ApprovalWorkflow workflow,
            ApprovalWorkflowAgent agent,
            UserDirectory users,
            ApprovalsProperties properties,
            PlatformTransactionManager transactionManager) {
        this.requests = requests;
        this.workflow = workflow;
        this.agent = agent;
        this.users = users;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** One run: returns how many timed-out or undecidable stages this instance handled. */
    public int handleDue() {
        int handled = 0;
        for (UUID id : requests.due(properties.timeoutBatchSize())) {
            if (handle(id, () -> requests.lockIfDue(id), agent::timeOut, "Timing out")) {
                handled++;
            }
        }
        for (UUID id : undecidable()) {
            if (handle(
                    id,
                    () -> requests.lockIfPending(id) && workflow.nobodyMayDecide(id),
                    agent::handOver,
                    "Handing over")) {
                handled++;
            }
        }
        return handled;
    }

    /**
     * Pending requests whose current stage no one may decide, as far as one pass over them sees (each
     * role's holders are read once per run; {@link #handle} checks again under the lock).
     */
    private List<UUID> undecidable() {
        Map<Role, Set<UUID>> holders = new EnumMap<>(Role.class);
        List<UUID> found = new ArrayList<>();
        UUID after = new UUID(0, 0);
        List<ApprovalRequests.OpenStage> page;
        do {
            page = requests.openStagesAfter(after, properties.timeoutBatchSize());
            for (ApprovalRequests.OpenStage stage : page) {
                Role role = stage.requiredRole();
                boolean stuck = stage.undecided().isEmpty()
                        || (role != null
                                && Collections.disjoint(
                                        stage.undecided(),
                                        holders.computeIfAbsent(
                                                role,
                                                r -> users.withRole(r).stream()
                                                        .map(UserSummary::id)
                                                        .collect(Collectors.toSet()))));
                if (stuck) {
                    found.add(stage.requestId());
                }
                after = stage.requestId();
            }
        } while (page.size() == properties.timeoutBatchSize() && found.size() < properties.timeoutBatchSize());
        return found;
    }

    private boolean handle(UUID id, BooleanSupplier lockIfStillSo, BiConsumer<UUID, UUID> action, String what) {
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> {
                if (!lockIfStillSo.getAsBoolean()) {
                    return false;
                }
                UUID orderId = requests.find(id).orElseThrow().resourceId();
                action.accept(id, orderId);
                return true;
            }));
        } catch (RuntimeException e) {
            log.error("{} approval request {} failed; the next run tries again", what, id, e);
            return false;
        }
    }
}
