package dev.miyabi.platform.llm.internal;

import dev.miyabi.platform.llm.JobUsage;
import java.util.UUID;

/** The ledger of model calls: what was used, by whom, for which job. */
interface UsageRecords {

    void record(UsageRecord record);

    JobUsage forJob(UUID jobId);
}
