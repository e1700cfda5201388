package dev.miyabi.platform.llm;

import java.util.function.Consumer;

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

    /** Free text. */
    LlmReply chat(LlmCall call);

    /**
     * A JSON document for {@link LlmCall#structured()} — using the server's structured-output mode
     * where configured; the gateway validates it either way.
     */
    LlmReply structured(LlmCall call);

    /**
     * Free text, handed to {@code onChunk} piece by piece on the calling thread as it arrives; the
     * reply holds the whole text. An exception thrown by {@code onChunk} aborts the stream and
     * propagates.
     */
    LlmReply stream(LlmCall call, Consumer<String> onChunk);
}
