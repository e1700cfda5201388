package dev.miyabi.platform.llm.internal;

import dev.miyabi.platform.llm.JobUsage;
import java.time.Instant;
import java.util.UUID;

/** The ledger of model calls: what was used, by whom, for which job. */
interface UsageRecords {

    void record(UsageRecord record);

    /** Input + output tokens a user consumed since {@code since}. */
    long tokensSince(UUID userId, Instant since, boolean includeOffline);

    JobUsage forJob(UUID jobId);
}
