package dev.miyabi.platform.llm;

import java.util.List;
import java.util.UUID;

/**
 * The one way other modules talk to language models. Each call goes to the first provider of the
 * configured chain (e.g. anthropic → openai → offline); a request failing with 429, 5xx, a timeout
 * or a network error is retried on the same provider (waiting as {@code Retry-After} says, else
 * exponential backoff with jitter), and when a provider fails for good the next one takes over.
 * Structured answers are validated against the request's schema and re-asked with the violations
 * at most twice. Every model call is recorded with its tokens and estimated cost against the
 * request's user and job, and measured in Micrometer ({@code miyabi.llm.*}).
 *
 * <p>Calls block (run them on virtual threads or job workers, never inside a database
 * transaction). The monthly token budget is enforced where work is admitted ({@link TokenBudgets});
 * calls themselves are not refused for budget reasons, so an admitted job can finish.
 */
public interface LlmGateway {

    /**
     * A JSON document valid against the request's schema.
     *
     * @throws LlmException when no provider produced one
     */
    StructuredResult structured(StructuredRequest request);

    /** Tokens, cost and providers of the model calls recorded for a job. */
    JobUsage jobUsage(UUID jobId);

    /** The providers in fallback order with their configured models. */
    List<GeneratedBy> chain();

    /**
     * A rough token count for budgeting: a quarter of the ASCII characters plus one per other
     * character (CJK text costs about a token per character).
     */
    static long estimateTokens(String text) {
        long ascii = 0;
        long other = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (codePoint < 128) {
                ascii++;
            } else {
                other++;
            }
            i += Character.charCount(codePoint);
        }
        return (ascii + 3) / 4 + other;
    }
}
