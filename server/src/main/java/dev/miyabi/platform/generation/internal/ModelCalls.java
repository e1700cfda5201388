package dev.miyabi.platform.generation.internal;

import dev.miyabi.platform.aijobs.JobContext;
import dev.miyabi.platform.aijobs.JobUsage;
import dev.miyabi.platform.llm.LlmGateway;
import dev.miyabi.platform.llm.StructuredRequest;
import dev.miyabi.platform.llm.StructuredResult;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * The model calls of one job attempt: each structured answer's tokens, cost and provider are added to
 * the job (and to the step running on the calling thread) and summed for the agent's metrics.
 */
final class ModelCalls {

    private final LlmGateway llm;
    private final JobContext job;
    private final AtomicLong inputTokens = new AtomicLong();
    private final AtomicLong outputTokens = new AtomicLong();

    ModelCalls(LlmGateway llm, JobContext job) {
        this.llm = llm;
        this.job = job;
    }

    JsonNode structured(StructuredRequest request, Map<String, Object> variables) {
        StructuredResult result =
                llm.structured(request.withVariables(variables).forUser(job.userId(), job.jobId()));
        inputTokens.addAndGet(result.usage().input());
        outputTokens.addAndGet(result.usage().output());
        job.recordUsage(new JobUsage(
                result.usage().input(),
                result.usage().output(),
                result.estimatedCost(),
                result.generatedBy().provider(),
                result.generatedBy().model()));
        return result.json();
    }

    long inputTokens() {
        return inputTokens.get();
    }

    long outputTokens() {
        return outputTokens.get();
    }
}
