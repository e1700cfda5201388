package dev.miyabi.platform.approvals.internal;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalates or expires stages nobody decided in time. Runs on every instance every {@code
 * miyabi.approvals.timeout-check-interval}; each due request is handled in its own transaction that
 * first locks it with {@code FOR UPDATE SKIP LOCKED} and re-checks that it is still due, so an instance
 * never handles a request another one is handling (or has just handled), and a decision arriving at the
 * same moment either comes first (the stage is no longer due) or waits.
 */
@Component
public class ApprovalTimeouts {

    private static final Logger log = LoggerFactory.getLogger(ApprovalTimeouts.class);

    private final ApprovalRequests requests;
    private final ApprovalWorkflowAgent agent;
    private final ApprovalsProperties properties;
    private final TransactionTemplate transactions;

    ApprovalTimeouts(
            ApprovalRequests requests,
            ApprovalWorkflowAgent agent,
            ApprovalsProperties properties,
            PlatformTransactionManager transactionManager) {
        this.requests = requests;
        this.agent = agent;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** One run: returns how many timed-out stages this instance handled. */
    public int handleDue() {
        List<UUID> due = requests.due(properties.timeoutBatchSize());
        int handled = 0;
        for (UUID id : due) {
            try {
                Boolean done = transactions.execute(status -> {
                    if (!requests.lockIfDue(id)) {
                        return false;
                    }
                    UUID orderId = requests.find(id).orElseThrow().resourceId();
                    agent.timeOut(id, orderId);
                    return true;
                });
                if (Boolean.TRUE.equals(done)) {
                    handled++;
                }
            } catch (RuntimeException e) {
                log.error("Timing out approval request {} failed; the next run tries again", id, e);
            }
        }
        return handled;
    }
}
