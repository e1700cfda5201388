package dev.miyabi.platform.llm;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A user's token budget (the studio's allowance) for the current calendar month (UTC).
 *
 * @param limit tokens allowed this month; 0 when unlimited
 * @param used tokens counted this month: the user's studio jobs and search answers, every provider
 *     including offline; jobs of paid orders never count
 * @param reserved tokens held for the user's queued and running studio jobs (their estimates less what
 *     they spent so far)
 * @param remaining what new work may still take ({@code limit - used - reserved}, at least 0); null when
 *     unlimited
 * @param resetsAt the start of the next month, when {@code used} starts again from 0
 * @param source where {@code limit} comes from
 */
public record BudgetStatus(
        UUID userId,
        long limit,
        boolean unlimited,
        long used,
        long reserved,
        @Nullable Long remaining,
        Instant resetsAt,
        Source source) {

    /** Whether work estimated at {@code tokens} fits what remains. */
    public boolean fits(long tokens) {
        return unlimited || remaining != null && tokens <= remaining;
    }

    /** Where a user's monthly allowance comes from, most specific first. */
    public enum Source {
        /** Admins are never limited. */
        ADMIN,
        /** An allowance an admin set for this user. */
        USER,
        /** The largest allowance an admin set for one of the user's roles. */
        ROLE,
        /** {@code miyabi.llm.budget.monthly-tokens-per-user}. */
        DEFAULT;

        @JsonValue
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
