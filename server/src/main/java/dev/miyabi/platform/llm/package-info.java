/**
 * The LLM gateway: structured output (JSON validated against a schema, repaired by re-asking) over
 * Anthropic, any OpenAI-compatible server, or the deterministic offline provider; retries honouring {@code Retry-After}, a fallback chain,
 * token and cost accounting, and metrics; and the monthly token budgets ({@link
 * dev.miyabi.platform.llm.TokenBudgets}: per-user, per-role and default allowances, reservations). Other
 * modules call {@link dev.miyabi.platform.llm.LlmGateway} and may contribute {@link
 * dev.miyabi.platform.llm.OfflineResponder}s.
 */
@ApplicationModule(
        displayName = "LLM",
        allowedDependencies = {"shared", "identity"})
@NullMarked
package dev.miyabi.platform.llm;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
