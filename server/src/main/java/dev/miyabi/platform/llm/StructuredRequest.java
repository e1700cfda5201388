package dev.miyabi.platform.llm;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A request for a JSON document valid against {@code schema} (JSON Schema 2020-12). The model's
 * answer is validated with the shared {@code JsonSchemas}; invalid output is sent back with the
 * violations and re-asked, at most twice. {@code schemaName} ({@code [A-Za-z0-9_-]}, at most 64
 * characters) names the schema to the providers. See {@link LlmRequest} for the other fields.
 */
public record StructuredRequest(
        String task,
        String system,
        String user,
        Map<String, Object> variables,
        JsonNode schema,
        String schemaName,
        @Nullable UUID userId,
        @Nullable UUID jobId,
        int maxOutputTokens)
        implements LlmRequest {

    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public StructuredRequest {
        LlmRequest.checkCommon(task, system, user, maxOutputTokens);
        variables = LlmRequest.copyOf(variables);
        Objects.requireNonNull(schema, "schema");
        if (!schema.isObject()) {
            throw new IllegalArgumentException("schema must be a JSON object");
        }
        if (schemaName == null || !SCHEMA_NAME.matcher(schemaName).matches()) {
            throw new IllegalArgumentException("schemaName must match " + SCHEMA_NAME.pattern());
        }
    }

    public static StructuredRequest of(String task, String system, String user, JsonNode schema, String schemaName) {
        return new StructuredRequest(task, system, user, Map.of(), schema, schemaName, null, null, 0);
    }

    public StructuredRequest withVariables(Map<String, ?> variables) {
        return new StructuredRequest(
                task, system, user, LlmRequest.copyOf(variables), schema, schemaName, userId, jobId, maxOutputTokens);
    }

    /** Counts the call against {@code userId}'s budget and records it under {@code jobId}. */
    public StructuredRequest forUser(@Nullable UUID userId, @Nullable UUID jobId) {
        return new StructuredRequest(task, system, user, variables, schema, schemaName, userId, jobId, maxOutputTokens);
    }

    public StructuredRequest withMaxOutputTokens(int maxOutputTokens) {
        return new StructuredRequest(task, system, user, variables, schema, schemaName, userId, jobId, maxOutputTokens);
    }
}
