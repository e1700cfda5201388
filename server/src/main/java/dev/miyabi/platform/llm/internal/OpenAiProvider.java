package dev.miyabi.platform.llm.internal;

import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Any server speaking the OpenAI Chat Completions API: OpenAI, Ollama, vLLM, llama.cpp. The schema
 * goes as a non-strict {@code json_schema} response format (strict mode would force every property
 * to be required), so local servers that support guided decoding enforce it too.
 */
final class OpenAiProvider extends LangChain4jProvider {

    static final String NAME = "openai";

    private OpenAiProvider(LlmProperties.OpenAi settings, LlmProperties.Timeouts timeouts, Clock clock) {
        super(
                NAME,
                settings.model(),
                OpenAiChatModel.builder()
                        .httpClientBuilder(http(settings, timeouts, clock))
                        .baseUrl(settings.effectiveBaseUrl())
                        .apiKey(blankToNull(settings.apiKey()))
                        .modelName(settings.model())
                        .strictJsonSchema(false)
                        .maxRetries(0)
                        .logRequests(false)
                        .logResponses(false)
                        .build(),
                settings.structuredOutput());
    }

    static OpenAiProvider create(LlmProperties.OpenAi settings, LlmProperties.Timeouts timeouts, Clock clock) {
        if (!settings.configured()) {
            throw new IllegalStateException(
                    "The openai provider needs an API key (OPENAI_API_KEY) or a base URL (MIYABI_LLM_OPENAI_BASE_URL)");
        }
        return new OpenAiProvider(settings, timeouts, clock);
    }

    private static ProviderHttpClient.Builder http(
            LlmProperties.OpenAi settings, LlmProperties.Timeouts timeouts, Clock clock) {
        return ProviderHttpClient.builder(clock, settings.effectiveBaseUrl().startsWith("https:"), timeouts);
    }

    @Override
    JsonNode providerSchema(JsonNode schema) {
        return schema;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
