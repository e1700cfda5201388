package dev.miyabi.platform.llm;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's token budget for the current calendar month (UTC).
 *
 * @param limit tokens allowed per month; 0 means unlimited
 * @param used tokens counted this month
 * @param remaining tokens left ({@code Long.MAX_VALUE} when unlimited)
 * @param resetsAt the start of the next month
 */
public record BudgetStatus(UUID userId, long limit, long used, long remaining, Instant resetsAt) {

    public boolean unlimited() {
        return limit <= 0;
    }
}
