package dev.miyabi.platform.llm.internal;

import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.identity.UserDirectory;
import dev.miyabi.platform.identity.UserSummary;
import dev.miyabi.platform.llm.BudgetStatus;
import dev.miyabi.platform.llm.TokenBudgets;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.LimitReached;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Budgets in PostgreSQL: allowances in {@code llm_budgets} / {@code llm_role_budgets}, reservations in
 * {@code llm_budget_reservations}, usage from the gateway's {@code llm_usage} ledger.
 */
@Service
class TokenBudgetService implements TokenBudgets {

    /** The roles an allowance may be set for; admins are always unlimited. */
    static final Set<String> BUDGETED_ROLES = Set.of(Role.CUSTOMER.value(), Role.APPROVER.value());

    /**
     * Tokens counted this month (those of the user's jobs admitted against the budget) and held by open reservations (each its estimate less what its job spent since it was made).
     * Served by idx_llm_usage_user_month, the reservations' primary key and idx_llm_usage_job.
     */
    private static final String USED_AND_RESERVED = """
            SELECT
              (SELECT COALESCE(SUM(u.input_tokens + u.output_tokens), 0)
                 FROM llm_usage u
                WHERE u.user_id = :userId AND u.created_at >= :since
                  AND EXISTS (SELECT 1 FROM llm_budget_reservations r WHERE r.job_id = u.job_id)) AS used,
              (SELECT COALESCE(SUM(GREATEST(r.tokens - (
                        (SELECT COALESCE(SUM(u.input_tokens + u.output_tokens), 0) FROM llm_usage u
                          WHERE u.job_id = r.job_id) - r.spent_before), 0)), 0)
                 FROM llm_budget_reservations r
                WHERE r.user_id = :userId AND r.settled_at IS NULL) AS reserved
            """;

    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final LlmProperties settings;
    private final LlmMetrics metrics;
    private final Clock clock;

    TokenBudgetService(
            JdbcClient jdbc, UserDirectory users, LlmProperties settings, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.settings = settings;
        this.metrics = new LlmMetrics(meters);
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public BudgetStatus status(UUID userId) {
        UserSummary user = users.find(userId).orElseThrow(() -> ApiException.notFound("User " + userId));
        return status(userId, user.roles());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void reserve(UUID userId, UUID jobId, long estimatedTokens) {
        requireEstimate(estimatedTokens);
        jdbc.sql("INSERT INTO llm_budgets (user_id) VALUES (:userId) ON CONFLICT (user_id) DO NOTHING")
                .param("userId", userId)
                .update();
        // Held until the caller's transaction ends: the next submission of this user waits here, then
        // sees this one's reservation (each statement reads what committed before it started).
        jdbc.sql("SELECT user_id FROM llm_budgets WHERE user_id = :userId FOR UPDATE")
                .param("userId", userId)
                .query(UUID.class)
                .single();
        long spentBefore = jdbc.sql("""
                        SELECT COALESCE(SUM(input_tokens + output_tokens), 0) FROM llm_usage WHERE job_id = :jobId
                        """).param("jobId", jobId).query(Long.class).single();
        // A retried job's old reservation is replaced, so it does not count against its own new one.
        jdbc.sql("UPDATE llm_budget_reservations SET settled_at = now() WHERE job_id = :jobId AND settled_at IS NULL")
                .param("jobId", jobId)
                .update();
        BudgetStatus status = status(userId);
        if (!status.fits(estimatedTokens)) {
            throw refused(status, estimatedTokens);
        }
        jdbc.sql("""
                        INSERT INTO llm_budget_reservations (job_id, user_id, tokens, spent_before, reserved_at)
                        VALUES (:jobId, :userId, :tokens, :spentBefore, now())
                        ON CONFLICT (job_id) DO UPDATE
                        SET tokens = EXCLUDED.tokens, spent_before = EXCLUDED.spent_before,
                            reserved_at = now(), settled_at = NULL
                        """)
                .param("jobId", jobId)
                .param("userId", userId)
                .param("tokens", estimatedTokens)
                .param("spentBefore", spentBefore)
                .update();
    }

    @Override
    @Transactional
    public void settle(UUID jobId, Instant endedAt) {
        jdbc.sql("""
                        UPDATE llm_budget_reservations SET settled_at = now()
                        WHERE job_id = :jobId AND settled_at IS NULL AND reserved_at <= :endedAt
                        """)
                .param("jobId", jobId)
                .param("endedAt", Timestamp.from(endedAt))
                .update();
    }

    @Override
    @Transactional(readOnly = true)
    public Allowances allowances() {
        List<RoleAllowance> roles = jdbc.sql(
                        "SELECT role, monthly_tokens, updated_at FROM llm_role_budgets ORDER BY role")
                .query((rs, row) -> new RoleAllowance(
                        rs.getString("role"),
                        rs.getLong("monthly_tokens"),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
        return new Allowances(settings.budget().monthlyTokensPerUser(), roles);
    }

    @Override
    @Transactional
    public void setRoleAllowance(String role, Optional<Long> monthlyTokens, UUID by) {
        if (!BUDGETED_ROLES.contains(role)) {
            throw ApiException.validation("role", "must be customer or approver (admins are always unlimited)");
        }
        monthlyTokens.ifPresentOrElse(
                tokens -> jdbc.sql("""
                                INSERT INTO llm_role_budgets (role, monthly_tokens, updated_at, updated_by)
                                VALUES (:role, :tokens, now(), :by)
                                ON CONFLICT (role) DO UPDATE
                                SET monthly_tokens = EXCLUDED.monthly_tokens, updated_at = now(), updated_by = :by
                                """)
                        .param("role", role)
                        .param("tokens", requireAllowance(tokens))
                        .param("by", by)
                        .update(),
                () -> jdbc.sql("DELETE FROM llm_role_budgets WHERE role = :role")
                        .param("role", role)
                        .update());
    }

    @Override
    @Transactional
    public BudgetStatus setUserAllowance(UUID userId, Optional<Long> monthlyTokens, UUID by) {
        UserSummary user = users.find(userId).orElseThrow(() -> ApiException.notFound("User " + userId));
        jdbc.sql("""
                        INSERT INTO llm_budgets (user_id, monthly_tokens, updated_at, updated_by)
                        VALUES (:userId, :tokens, now(), :by)
                        ON CONFLICT (user_id) DO UPDATE
                        SET monthly_tokens = EXCLUDED.monthly_tokens, updated_at = now(), updated_by = :by
                        """)
                .param("userId", userId)
                .param(
                        "tokens",
                        monthlyTokens.map(TokenBudgetService::requireAllowance).orElse(null),
                        Types.BIGINT)
                .param("by", by)
                .update();
        return status(userId, user.roles());
    }

    private BudgetStatus status(UUID userId, Set<Role> roles) {
        ZonedDateTime monthStart =
                clock.instant().atZone(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        Instant resetsAt = monthStart.plusMonths(1).toInstant();
        Allowance allowance = allowance(userId, roles);
        record Counts(long used, long reserved) {}
        Counts counts = jdbc.sql(USED_AND_RESERVED)
                .param("userId", userId)
                .param("since", Timestamp.from(monthStart.toInstant()))
                .query((rs, row) -> new Counts(rs.getLong("used"), rs.getLong("reserved")))
                .single();
        boolean unlimited = allowance.tokens() == 0;
        Long remaining = unlimited ? null : Math.max(0, allowance.tokens() - counts.used() - counts.reserved());
        return new BudgetStatus(
                userId,
                allowance.tokens(),
                unlimited,
                counts.used(),
                counts.reserved(),
                remaining,
                resetsAt,
                allowance.source());
    }

    private record Allowance(long tokens, BudgetStatus.Source source) {}

    private Allowance allowance(UUID userId, Set<Role> roles) {
        if (roles.contains(Role.ADMIN)) {
            return new Allowance(0, BudgetStatus.Source.ADMIN);
        }
        Optional<Long> own = jdbc.sql("SELECT monthly_tokens FROM llm_budgets WHERE user_id = :userId")
                .param("userId", userId)
                .query((rs, row) -> Optional.ofNullable(rs.getObject("monthly_tokens", Long.class)))
                .optional()
                .flatMap(tokens -> tokens);
        if (own.isPresent()) {
            return new Allowance(own.get(), BudgetStatus.Source.USER);
        }
        List<String> names = roles.stream().map(Role::value).toList();
        if (!names.isEmpty()) {
            List<Long> byRole = jdbc.sql("SELECT monthly_tokens FROM llm_role_budgets WHERE role IN (:roles)")
                    .param("roles", names)
                    .query(Long.class)
                    .list();
            if (!byRole.isEmpty()) {
                // The most generous wins; 0 (unlimited) beats any number.
                long best = byRole.contains(0L)
                        ? 0
                        : byRole.stream().mapToLong(Long::longValue).max().orElseThrow();
                return new Allowance(best, BudgetStatus.Source.ROLE);
            }
        }
        return new Allowance(settings.budget().monthlyTokensPerUser(), BudgetStatus.Source.DEFAULT);
    }

    private LimitReached refused(BudgetStatus status, long estimatedTokens) {
        metrics.budgetRefused();
        long remaining = status.remaining() == null ? 0 : status.remaining();
        Map<String, Object> budget = new LinkedHashMap<>();
        budget.put("limit", status.limit());
        budget.put("used", status.used());
        budget.put("reserved", status.reserved());
        budget.put("remaining", remaining);
        budget.put("requested", estimatedTokens);
        budget.put("resetsAt", status.resetsAt().toString());
        budget.put("source", status.source().value());
        return new LimitReached(
                ErrorCodes.BUDGET_EXCEEDED,
                "This work needs about %d tokens but only %d of your monthly budget of %d tokens remain; the budget resets at %s"
                        .formatted(estimatedTokens, remaining, status.limit(), status.resetsAt()),
                Map.of("tokenBudget", budget),
                Duration.between(clock.instant(), status.resetsAt()));
    }

    private static void requireEstimate(long estimatedTokens) {
        if (estimatedTokens < 0) {
            throw new IllegalArgumentException("estimatedTokens must not be negative");
        }
    }

    private static long requireAllowance(long tokens) {
        if (tokens < 0) {
            throw ApiException.validation("monthlyTokens", "must be 0 (unlimited) or more");
        }
        return tokens;
    }
}
