package dev.miyabi.platform.llm;

/**
 * One provider answer.
 *
 * @param model the model that answered, as the server named it (may carry a date suffix)
 * @param truncated the answer stopped at the output token limit
 */
public record LlmReply(String text, TokenUsage usage, String model, boolean truncated) {}
