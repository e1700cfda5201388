package dev.miyabi.platform.llm.internal;

import dev.miyabi.platform.llm.GeneratedBy;
import dev.miyabi.platform.llm.JobUsage;
import dev.miyabi.platform.llm.TokenUsage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** The usage ledger in memory, for gateway tests without a database. */
final class InMemoryUsageRecords implements UsageRecords {

    private final List<UsageRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void record(UsageRecord record) {
        records.add(record);
    }

    @Override
    public JobUsage forJob(UUID jobId) {
        List<UsageRecord> ofJob =
                records.stream().filter(r -> jobId.equals(r.jobId())).toList();
        return new JobUsage(
                jobId,
                ofJob.stream().map(UsageRecord::usage).reduce(TokenUsage.ZERO, TokenUsage::plus),
                ofJob.stream().map(UsageRecord::estimatedCost).reduce(BigDecimal.ZERO, BigDecimal::add),
                ofJob.size(),
                ofJob.stream()
                        .filter(r -> r.outcome().equals("success"))
                        .map(r -> new GeneratedBy(r.provider(), r.model()))
                        .distinct()
                        .toList());
    }

    List<UsageRecord> all() {
        return List.copyOf(records);
    }

    UsageRecord only() {
        if (records.size() != 1) {
            throw new AssertionError("expected one usage record, found " + records);
        }
        return Objects.requireNonNull(records.getFirst());
    }
}
