package dev.miyabi.platform.llm.internal;

import dev.miyabi.platform.llm.GeneratedBy;
import dev.miyabi.platform.llm.JobUsage;
import dev.miyabi.platform.llm.TokenUsage;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code llm_usage} in PostgreSQL. A call is recorded in a transaction of its own: the tokens were
 * spent even if the caller's work rolls back.
 */
@Repository
class JdbcUsageRecords implements UsageRecords {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    JdbcUsageRecords(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void record(UsageRecord record) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                        INSERT INTO llm_usage (user_id, job_id, task, operation, provider, model,
                                               input_tokens, output_tokens, estimated_cost, outcome, created_at)
                        VALUES (:userId, :jobId, :task, :operation, :provider, :model,
                                :input, :output, :cost, :outcome, :at)
                        """)
                .param("userId", record.userId())
                .param("jobId", record.jobId())
                .param("task", record.task())
                .param("operation", record.operation())
                .param("provider", record.provider())
                .param("model", abbreviate(record.model(), 100))
                .param("input", record.usage().input())
                .param("output", record.usage().output())
                .param("cost", record.estimatedCost())
                .param("outcome", record.outcome())
                .param("at", Timestamp.from(record.at()))
                .update());
    }

    @Override
    public JobUsage forJob(UUID jobId) {
        record Totals(long input, long output, BigDecimal cost, long calls) {}
        Totals totals = jdbc.sql("""
                        SELECT COALESCE(SUM(input_tokens), 0) AS input, COALESCE(SUM(output_tokens), 0) AS output,
                               COALESCE(SUM(estimated_cost), 0) AS cost, COUNT(*) AS calls
                        FROM llm_usage WHERE job_id = :jobId
                        """)
                .param("jobId", jobId)
                .query((rs, row) -> new Totals(
                        rs.getLong("input"), rs.getLong("output"), rs.getBigDecimal("cost"), rs.getLong("calls")))
                .single();
        List<GeneratedBy> generatedBy = jdbc.sql("""
                        SELECT provider, model FROM llm_usage
                        WHERE job_id = :jobId AND outcome = 'success'
                        GROUP BY provider, model ORDER BY MIN(id)
                        """)
                .param("jobId", jobId)
                .query((rs, row) -> new GeneratedBy(rs.getString("provider"), rs.getString("model")))
                .list();
        return new JobUsage(
                jobId, new TokenUsage(totals.input(), totals.output()), totals.cost(), totals.calls(), generatedBy);
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
