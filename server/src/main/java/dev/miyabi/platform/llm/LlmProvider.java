package dev.miyabi.platform.llm;

/**
 * A model behind one API: {@code anthropic}, {@code openai} (any OpenAI-compatible server) or
 * {@code offline}. One method call is one request: retries, repairs, fallbacks, budgets and
 * accounting are the gateway's, so other modules call {@link LlmGateway}, not a provider.
 *
 * <p>Failures are {@link LlmProviderException}s that say whether a retry may help and how long the
 * server asked to wait.
 */
public interface LlmProvider {

    /** {@code anthropic}, {@code openai} or {@code offline}. */
    String name();

    /** The configured model. */
    String model();

    /**
     * A JSON document for {@link LlmCall#structured()} — using the server's structured-output mode
     * where configured; the gateway validates it either way.
     */
    LlmReply structured(LlmCall call);
}
