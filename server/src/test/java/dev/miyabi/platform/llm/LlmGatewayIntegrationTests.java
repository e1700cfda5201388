package dev.miyabi.platform.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miyabi.platform.llm.internal.LlmProperties;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway as the application wires it: offline by default, usage in PostgreSQL, budgets. */
class LlmGatewayIntegrationTests extends IntegrationTest {

    private static final JsonNode OUTLINE_SCHEMA;

    static {
        try (var in = LlmGatewayIntegrationTests.class.getResourceAsStream("/schemas/document-outline.schema.json")) {
            OUTLINE_SCHEMA = JsonMapper.builder().build().readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Autowired
    LlmGateway gateway;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    LlmProperties settings;

    @Test
    void withoutKeysTheApplicationAnswersOffline() {
        assertThat(gateway.chain()).first().isEqualTo(new GeneratedBy("offline", "miyabi-offline-1"));
    }

    @Test
    void pricesAndDefaultsAreBoundFromTheConfiguration() {
        assertThat(settings.prices()).containsKeys("claude-sonnet-4", "gpt-4.1", "gpt-4.1-mini");
        assertThat(settings.prices().get("gpt-4.1").output()).isEqualByComparingTo("8.00");
        assertThat(settings.budget().monthlyTokensPerUser()).isEqualTo(2_000_000);
        assertThat(settings.maxRepairs()).isEqualTo(2);
        assertThat(settings.retry().maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void callsAreRecordedAgainstTheirUserAndJob() {
        UUID user = register().id();
        UUID job = UUID.randomUUID();
        StructuredRequest request = StructuredRequest.of(
                        "document.outline", "You write proposals.", "Plan {{title}}.", OUTLINE_SCHEMA, "outline")
                .withVariables(Map.of("documentType", "proposal", "title", "Solar panels for schools"))
                .forUser(user, job);

        StructuredResult first = gateway.structured(request);
        StructuredResult second = gateway.structured(
                request.withVariables(Map.of("documentType", "report", "title", "Solar panels for schools")));
        gateway.structured(request.forUser(user, UUID.randomUUID())); // another job of the same user

        assertThat(first.json().path("sections").size()).isGreaterThanOrEqualTo(3);
        assertThat(first.generatedBy().offline()).isTrue();
        JobUsage usage = gateway.jobUsage(job);
        assertThat(usage.calls()).isEqualTo(2);
        assertThat(usage.usage()).isEqualTo(first.usage().plus(second.usage()));
        assertThat(usage.estimatedCost()).isZero();
        assertThat(usage.generatedBy()).containsExactly(new GeneratedBy("offline", "miyabi-offline-1"));
        assertThat(jdbc.sql("SELECT count(*) FROM llm_usage WHERE user_id = :user AND task = 'document.outline'")
                        .param("user", user)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
        // The offline provider's tokens are free and do not count against the budget.
        assertThat(gateway.budget(user).used()).isZero();
    }

    @Test
    void workOverTheMonthlyBudgetIsRefusedUntilTheMonthRollsOver() {
        UUID user = register().id();
        Instant monthStart = ZonedDateTime.now(ZoneOffset.UTC)
                .withDayOfMonth(1)
                .truncatedTo(ChronoUnit.DAYS)
                .toInstant();
        recordUsage(user, "anthropic", 1_500_000, 499_000, Instant.now());
        recordUsage(user, "anthropic", 400_000, 100_000, monthStart.minusSeconds(60)); // last month
        recordUsage(user, "offline", 900_000, 900_000, Instant.now()); // free

        BudgetStatus status = gateway.budget(user);
        assertThat(status.used()).isEqualTo(1_999_000);
        assertThat(status.remaining()).isEqualTo(1_000);
        assertThat(status.resetsAt())
                .isEqualTo(monthStart.atZone(ZoneOffset.UTC).plusMonths(1).toInstant());

        gateway.checkBudget(user, 1_000);
        assertThatThrownBy(() -> gateway.checkBudget(user, 1_001))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(e.code()).isEqualTo(ErrorCodes.BUDGET_EXCEEDED);
                    assertThat(e.retryAfter()).isNotNull();
                    Duration untilReset = Duration.between(Instant.now(), status.resetsAt());
                    assertThat(e.retryAfter()).isBetween(untilReset.minusMinutes(1), untilReset.plusMinutes(1));
                    assertThat(e.properties().get("tokenBudget").toString())
                            .contains("limit=2000000", "used=1999000", "requested=1001");
                })
                .hasMessageContaining("resets at");
        // Another user is not affected.
        gateway.checkBudget(register().id(), 2_000_000);
    }

    @Test
    void theMonthlySumIsServedByAnIndex() {
        UUID user = register().id();
        recordUsage(user, "anthropic", 10, 10, Instant.now());

        List<String> plan = new TransactionTemplate(transactions).execute(status -> {
            jdbc.sql("SET LOCAL enable_seqscan = off").update();
            return jdbc.sql("""
                            EXPLAIN SELECT COALESCE(SUM(input_tokens + output_tokens), 0) FROM llm_usage
                            WHERE user_id = :userId AND created_at >= :since AND (:includeOffline OR provider <> 'offline')
                            """)
                    .param("userId", user)
                    .param("since", Timestamp.from(Instant.now().minus(Duration.ofDays(31))))
                    .param("includeOffline", false)
                    .query(String.class)
                    .list();
        });

        assertThat(String.join("\n", plan)).contains("idx_llm_usage_user_month");
    }

    private void recordUsage(UUID user, String provider, long input, long output, Instant at) {
        jdbc.sql("""
                        INSERT INTO llm_usage (user_id, task, operation, provider, model, input_tokens, output_tokens,
                                               outcome, created_at)
                        VALUES (:user, 'course.lesson', 'structured', :provider, 'model', :input, :output, 'success', :at)
                        """)
                .param("user", user)
                .param("provider", provider)
                .param("input", input)
                .param("output", output)
                .param("at", Timestamp.from(at))
                .update();
    }
}
