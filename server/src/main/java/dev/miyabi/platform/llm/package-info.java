/**
 * The LLM gateway: structured output (JSON validated against a schema, repaired by re-asking) over
 * Anthropic, any OpenAI-compatible server, or the deterministic offline provider; retries honouring {@code Retry-After}, a fallback chain, per-user monthly token budgets,
 * token and cost accounting, and metrics. Other modules call {@link dev.miyabi.platform.llm.LlmGateway}
 * and may contribute {@link dev.miyabi.platform.llm.OfflineResponder}s.
 */
@ApplicationModule(
        displayName = "LLM",
        allowedDependencies = {"shared"})
@NullMarked
package dev.miyabi.platform.llm;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
