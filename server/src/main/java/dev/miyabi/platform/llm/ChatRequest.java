package dev.miyabi.platform.llm;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A free-text request (chat or streaming). See {@link LlmRequest} for the fields. */
public record ChatRequest(
        String task,
        String system,
        String user,
        Map<String, Object> variables,
        @Nullable UUID userId,
        @Nullable UUID jobId,
        int maxOutputTokens)
        implements LlmRequest {

    public ChatRequest {
        LlmRequest.checkCommon(task, system, user, maxOutputTokens);
        variables = LlmRequest.copyOf(variables);
    }

    public static ChatRequest of(String task, String system, String user) {
        return new ChatRequest(task, system, user, Map.of(), null, null, 0);
    }

    public ChatRequest withVariables(Map<String, ?> variables) {
        return new ChatRequest(task, system, user, LlmRequest.copyOf(variables), userId, jobId, maxOutputTokens);
    }

    /** Counts the call against {@code userId}'s budget and records it under {@code jobId}. */
    public ChatRequest forUser(@Nullable UUID userId, @Nullable UUID jobId) {
        return new ChatRequest(task, system, user, variables, userId, jobId, maxOutputTokens);
    }

    public ChatRequest withMaxOutputTokens(int maxOutputTokens) {
        return new ChatRequest(task, system, user, variables, userId, jobId, maxOutputTokens);
    }
}
