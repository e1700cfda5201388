package dev.miyabi.platform.generation.internal;

import dev.miyabi.platform.llm.StructuredRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;

/**
 * The prompts of the generation tasks, kept as files under {@code prompts/generation/} ({@code
 * <name>.system.md} and {@code <name>.user.md}) with {@code {{variable}}} placeholders that the LLM
 * gateway fills in.
 */
final class Prompts {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Prompts() {}

    /** A structured request for {@code task} with the prompt pair {@code name} and the schema's JSON. */
    static StructuredRequest request(String task, String name, JsonNode schema, String schemaName) {
        return StructuredRequest.of(task, text(name + ".system.md"), text(name + ".user.md"), schema, schemaName);
    }

    static String text(String file) {
        return CACHE.computeIfAbsent(file, key -> {
            ClassPathResource resource = new ClassPathResource("prompts/generation/" + key);
            try (InputStream in = resource.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("Prompt file prompts/generation/" + key + " is missing", e);
            }
        });
    }
}
