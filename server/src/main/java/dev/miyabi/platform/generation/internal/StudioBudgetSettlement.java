package dev.miyabi.platform.generation.internal;

import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.aijobs.JobCancelled;
import dev.miyabi.platform.aijobs.JobCompleted;
import dev.miyabi.platform.aijobs.JobFailed;
import dev.miyabi.platform.llm.TokenBudgets;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Settles a studio job's budget reservation when the job ends — completed, failed for good or cancelled:
 * from then on only the tokens it actually used count. Jobs of orders were never reserved.
 */
@Component
class StudioBudgetSettlement {

    private final TokenBudgets budgets;

    StudioBudgetSettlement(TokenBudgets budgets) {
        this.budgets = budgets;
    }

    @ApplicationModuleListener
    void on(JobCompleted event) {
        settle(event.job());
    }

    @ApplicationModuleListener
    void on(JobFailed event) {
        settle(event.job());
    }

    @ApplicationModuleListener
    void on(JobCancelled event) {
        settle(event.job());
    }

    private void settle(Job job) {
        if (job.orderId() == null) {
            budgets.settle(job.id(), job.updatedAt());
        }
    }
}
