package dev.miyabi.platform.llm;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Monthly token budgets: the allowance that lets customers try the studio before they order. A user's
 * allowance is theirs if an admin set one, else the largest set for one of their roles, else the
 * configured default; admins are unlimited. Studio work is admitted by {@link #reserve}, which holds the
 * job's estimate until {@link #settle} at its end, so queued and running jobs count and concurrent
 * submissions of one user cannot overshoot together. Only those jobs count: jobs of paid orders are never
 * reserved, and search answers come with a paid search plan, so neither counts.
 */
public interface TokenBudgets {

    /** The user's budget this month; 404 for an unknown user. */
    BudgetStatus status(UUID userId);

    /**
     * Admits a job against its owner's budget: locks the user's budget row, refuses when the estimate does
     * not fit (429 {@code budget_exceeded} with {@code Retry-After} until the month rolls over and
     * {@code tokenBudget}: limit, used, reserved, remaining, requested, resetsAt), else reserves it for the job (re-opening the reservation of a job
     * being retried). Must run inside the transaction that queues or re-queues the job, which holds the
     * lock until it commits.
     */
    void reserve(UUID userId, UUID jobId, long estimatedTokens);

    /**
     * Ends the job's reservation made at or before {@code endedAt} (the job's end, by the database clock):
     * from then on only its actual usage counts. Idempotent; a reservation re-opened later (a retry) stays.
     */
    void settle(UUID jobId, Instant endedAt);

    /** The allowances admins have set: per role, and the default. */
    Allowances allowances();

    /**
     * Sets ({@code monthlyTokens} ≥ 0, 0 = unlimited) or clears (empty) the allowance of everyone holding
     * {@code role} ({@code customer} or {@code approver}; admins are always unlimited).
     */
    void setRoleAllowance(String role, Optional<Long> monthlyTokens, UUID by);

    /** Sets or clears (empty) one user's own allowance; 404 for an unknown user. */
    BudgetStatus setUserAllowance(UUID userId, Optional<Long> monthlyTokens, UUID by);

    /**
     * @param defaultMonthlyTokens the configured default (0 = unlimited)
     * @param roles the allowances set per role, by role name
     */
    record Allowances(long defaultMonthlyTokens, List<RoleAllowance> roles) {

        public Allowances {
            roles = List.copyOf(roles);
        }
    }

    record RoleAllowance(String role, long monthlyTokens, Instant updatedAt) {}
}
