package dev.miyabi.platform.llm;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.LimitReached;
import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Monthly token budgets: what counts, reservations, and the allowances admins set per role and user. */
class TokenBudgetsIntegrationTests extends IntegrationTest {

    @Autowired
    TokenBudgets budgets;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void studioJobsCountThisMonthWhatEverTheProviderButPaidWorkAndLastMonthDoNot() {
        UUID user = register().id();
        Instant monthStart = ZonedDateTime.now(ZoneOffset.UTC)
                .withDayOfMonth(1)
                .truncatedTo(ChronoUnit.DAYS)
                .toInstant();
        UUID studioJob = UUID.randomUUID();
        transactions.executeWithoutResult(status -> budgets.reserve(user, studioJob, 10_000));
        recordUsage(user, null, "anthropic", 20_000, 9_000, Instant.now()); // a search answer (paid plan)
        recordUsage(user, studioJob, "offline", 30_000, 30_000, Instant.now()); // offline counts too
        recordUsage(user, UUID.randomUUID(), "anthropic", 500_000, 500_000, Instant.now()); // a paid order's job
        recordUsage(user, studioJob, "anthropic", 400_000, 100_000, monthStart.minusSeconds(60)); // last month

        BudgetStatus status = budgets.status(user);
        assertThat(status.used()).isEqualTo(60_000);
        assertThat(status.reserved()).isZero(); // the job spent more than its estimate
        assertThat(status.remaining()).isEqualTo(40_000);
        assertThat(status.resetsAt())
                .isEqualTo(monthStart.atZone(ZoneOffset.UTC).plusMonths(1).toInstant());

        admit(user, 40_000);
        assertThatThrownBy(() -> admit(user, 40_001))
                .isInstanceOfSatisfying(LimitReached.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.BUDGET_EXCEEDED);
                    Duration untilReset = Duration.between(Instant.now(), status.resetsAt());
                    assertThat(e.retryAfter()).isBetween(untilReset.minusMinutes(1), untilReset.plusMinutes(1));
                    assertThat(e.properties().get("tokenBudget").toString())
                            .contains("limit=100000", "used=60000", "remaining=40000", "requested=40001");
                })
                .hasMessageContaining("resets at");
        admit(register().id(), 100_000); // another user is not affected
    }

    @Test
    void aReservationHoldsItsEstimateLessWhatTheJobSpentUntilItIsSettled() {
        UUID user = register().id();
        UUID job = UUID.randomUUID();
        transactions.executeWithoutResult(status -> budgets.reserve(user, job, 40_000));
        assertThat(budgets.status(user).reserved()).isEqualTo(40_000);

        recordUsage(user, job, "offline", 10_000, 5_000, Instant.now());
        BudgetStatus running = budgets.status(user);
        assertThat(running.used()).isEqualTo(15_000);
        assertThat(running.reserved()).isEqualTo(25_000);
        assertThat(running.remaining()).isEqualTo(60_000);

        // An end event older than the reservation (a retry re-opened it) leaves it alone.
        budgets.settle(job, Instant.now().minus(Duration.ofMinutes(5)));
        assertThat(budgets.status(user).reserved()).isEqualTo(25_000);
        budgets.settle(job, Instant.now().plusSeconds(5));
        BudgetStatus settled = budgets.status(user);
        assertThat(settled.reserved()).isZero();
        assertThat(settled.used()).isEqualTo(15_000);

        // Re-reserving (a retry) holds a fresh estimate; what the job spent before stays counted once.
        transactions.executeWithoutResult(status -> budgets.reserve(user, job, 30_000));
        assertThat(budgets.status(user).reserved()).isEqualTo(30_000);
        assertThat(budgets.status(user).used()).isEqualTo(15_000);
        assertThatThrownBy(() ->
                        transactions.executeWithoutResult(status -> budgets.reserve(user, UUID.randomUUID(), 55_001)))
                .isInstanceOf(LimitReached.class);
        assertThat(budgets.status(user).reserved()).isEqualTo(30_000);
    }

    @Test
    void aReservationNeedsTheTransactionThatQueuesItsJob() {
        UUID user = register().id();
        assertThatThrownBy(() -> budgets.reserve(user, UUID.randomUUID(), 1))
                .isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
    }

    @Test
    void adminsSetAllowancesPerRoleAndPerUserAndTheMostSpecificWins() {
        Session admin = admin();
        Session customer = register();
        Session approver = registerWithRoles("approver");
        try {
            assertThat(set(admin, "/api/admin/token-budgets/roles/customer", 5_000)
                            .json()
                            .path("roles")
                            .get(0)
                            .path("monthlyTokens")
                            .asLong())
                    .isEqualTo(5_000);
            assertThat(mine(customer).path("limit").asLong()).isEqualTo(5_000);
            assertThat(mine(customer).path("source").asString()).isEqualTo("role");

            // Several roles: the largest allowance; 0 is unlimited and beats any number.
            set(admin, "/api/admin/token-budgets/roles/approver", 0);
            assertThat(mine(approver).path("unlimited").asBoolean()).isTrue();
            assertThat(mine(approver).path("remaining").isNull()).isTrue();
            set(admin, "/api/admin/token-budgets/roles/approver", 8_000);
            assertThat(mine(approver).path("limit").asLong()).isEqualTo(8_000);

            // A user's own allowance wins over every role's.
            JsonNode own = set(admin, "/api/admin/token-budgets/users/" + customer.id(), 250_000)
                    .json();
            assertThat(own.path("limit").asLong()).isEqualTo(250_000);
            assertThat(own.path("source").asString()).isEqualTo("user");
            assertThat(api.get("/api/admin/token-budgets/users/" + customer.id())
                            .token(admin.accessToken())
                            .send()
                            .json()
                            .path("remaining")
                            .asLong())
                    .isEqualTo(250_000);
            JsonNode cleared = api.delete("/api/admin/token-budgets/users/" + customer.id())
                    .token(admin.accessToken())
                    .send()
                    .json();
            assertThat(cleared.path("source").asString()).isEqualTo("role");
            assertThat(cleared.path("limit").asLong()).isEqualTo(5_000);

            // Admins stay unlimited whatever is set for them.
            Session otherAdmin = registerWithRoles("admin");
            set(admin, "/api/admin/token-budgets/users/" + otherAdmin.id(), 10);
            assertThat(mine(otherAdmin).path("source").asString()).isEqualTo("admin");
            assertThat(mine(otherAdmin).path("unlimited").asBoolean()).isTrue();
        } finally {
            api.delete("/api/admin/token-budgets/roles/customer")
                    .token(admin.accessToken())
                    .send();
            api.delete("/api/admin/token-budgets/roles/approver")
                    .token(admin.accessToken())
                    .send();
        }
        JsonNode back = mine(customer);
        assertThat(back.path("source").asString()).isEqualTo("default");
        assertThat(back.path("limit").asLong()).isEqualTo(100_000);
        assertThat(api.get("/api/admin/token-budgets")
                        .token(admin.accessToken())
                        .send()
                        .json()
                        .path("defaultMonthlyTokens")
                        .asLong())
                .isEqualTo(100_000);
    }

    @Test
    void allowanceChangesAreForAdminsAndValidated() {
        Session admin = admin();
        Session customer = register();
        assertProblem(
                api.put("/api/admin/token-budgets/users/" + customer.id())
                        .token(customer.accessToken())
                        .json(Map.of("monthlyTokens", 1_000_000))
                        .send(),
                403,
                "forbidden");
        assertProblem(
                api.get("/api/admin/token-budgets")
                        .token(customer.accessToken())
                        .send(),
                403,
                "forbidden");
        assertProblem(api.get("/api/ai/budget").send(), 401, "unauthorized");
        assertProblem(set(admin, "/api/admin/token-budgets/roles/admin", 5), 400, "validation_failed");
        assertProblem(set(admin, "/api/admin/token-budgets/roles/owner", 5), 400, "validation_failed");
        JsonNode negative = assertProblem(
                set(admin, "/api/admin/token-budgets/users/" + customer.id(), -1), 400, "validation_failed");
        assertThat(negative.path("errors").get(0).path("field").asString()).isEqualTo("monthlyTokens");
        assertProblem(
                api.put("/api/admin/token-budgets/users/" + customer.id())
                        .token(admin.accessToken())
                        .json(Map.of())
                        .send(),
                400,
                "validation_failed");
        assertProblem(set(admin, "/api/admin/token-budgets/users/" + UUID.randomUUID(), 5), 404, "not_found");
        assertProblem(
                api.get("/api/admin/token-budgets/users/" + UUID.randomUUID())
                        .token(admin.accessToken())
                        .send(),
                404,
                "not_found");
        assertThat(mine(customer).path("source").asString()).isEqualTo("default");
    }

    private Api.Response set(Session admin, String path, long tokens) {
        return api.put(path)
                .token(admin.accessToken())
                .json(Map.of("monthlyTokens", tokens))
                .send();
    }

    private JsonNode mine(Session user) {
        Api.Response response =
                api.get("/api/ai/budget").token(user.accessToken()).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Admits a new job of {@code tokens}, then rolls back: the budget is as it was. */
    private void admit(UUID user, long tokens) {
        transactions.executeWithoutResult(status -> {
            budgets.reserve(user, UUID.randomUUID(), tokens);
            status.setRollbackOnly();
        });
    }

    private void recordUsage(UUID user, @Nullable UUID job, String provider, long input, long output, Instant at) {
        jdbc.sql("""
                        INSERT INTO llm_usage (user_id, job_id, task, operation, provider, model, input_tokens,
                                               output_tokens, outcome, created_at)
                        VALUES (:user, :job, 'course.lesson', 'structured', :provider, 'model', :input, :output,
                                'success', :at)
                        """)
                .param("user", user)
                .param("job", job)
                .param("provider", provider)
                .param("input", input)
                .param("output", output)
                .param("at", Timestamp.from(at))
                .update();
    }
}
