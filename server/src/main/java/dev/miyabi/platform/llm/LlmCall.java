package dev.miyabi.platform.llm;

import java.util.List;

/**
 * One request to one provider, as the gateway prepared it: the conversation with the prompt's
 * placeholders replaced (the system message ends with the schema, and repair turns follow the
 * first answer) and the effective output limit.
 */
public record LlmCall(StructuredRequest request, List<LlmMessage> messages, int maxOutputTokens) {

    public LlmCall {
        messages = List.copyOf(messages);
        if (maxOutputTokens <= 0) {
            throw new IllegalArgumentException("maxOutputTokens must be positive");
        }
    }

    public String task() {
        return request.task();
    }
}
