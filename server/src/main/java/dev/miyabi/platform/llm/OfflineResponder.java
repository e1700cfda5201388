package dev.miyabi.platform.llm;

import tools.jackson.databind.JsonNode;

/**
 * Builds the offline provider's answer for a structured task, from the request's variables (topic,
 * objectives, language, titles...). Modules register responders as Spring beans; the first (in
 * {@code @Order}) that supports a task answers it. The offline provider refuses a task no
 * responder supports.
 *
 * <p>Contract: deterministic (the same request gives the same document), no network, and the
 * document must be valid against {@link StructuredRequest#schema()} — the gateway validates it like
 * any model's answer and fails the call with the violations when it is not.
 */
public interface OfflineResponder {

    boolean supports(String task);

    JsonNode respond(StructuredRequest request);
}
