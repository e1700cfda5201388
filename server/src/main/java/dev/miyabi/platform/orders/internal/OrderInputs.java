package dev.miyabi.platform.orders.internal;

import dev.miyabi.platform.catalog.ProductCategory;
import dev.miyabi.platform.shared.ErrorCodes;
import dev.miyabi.platform.shared.FieldViolation;
import dev.miyabi.platform.shared.NotProcessable;
import dev.miyabi.platform.shared.json.JsonSchemas;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks an order's {@code input} against what its product needs, at order time — so a generation
 * request that the AI job would refuse is refused before anyone pays. AI products need their job
 * type's input (JSON Schema files {@code schemas/course-input.schema.json} and {@code
 * document-input.schema.json}, shared with the AI-jobs module); other products take optional
 * free-form notes. A bad input is 422 {@code invalid_input} with the fields at fault, named {@code
 * input.<path>}.
 */
@Component
class OrderInputs {

    static final int MAX_NOTES_BYTES = 10 * 1024;
    static final int MAX_GENERATION_INPUT_BYTES = 32 * 1024;

    private final JsonSchemas schemas;
    private final JsonMapper json;

    OrderInputs(JsonSchemas schemas, JsonMapper json) {
        this.schemas = schemas;
        this.json = json;
    }

    /** The input to store (null when none), or a 422 {@code invalid_input}. */
    @Nullable
    JsonNode check(ProductCategory category, @Nullable JsonNode input) {
        boolean absent = input == null || input.isNull() || input.isMissingNode();
        String schema = schemaFor(category);
        if (schema == null) {
            if (absent) {
                return null;
            }
            if (size(input) > MAX_NOTES_BYTES) {
                throw invalid(List.of(new FieldViolation(
                        "input", "notes must be at most " + MAX_NOTES_BYTES / 1024 + " KB of JSON")));
            }
            return input;
        }
        if (absent) {
            throw invalid(List.of(new FieldViolation(
                    "input", "is required for " + category.value() + " products (see " + schema + ")")));
        }
        if (size(input) > MAX_GENERATION_INPUT_BYTES) {
            throw invalid(List.of(new FieldViolation(
                    "input", "must be at most " + MAX_GENERATION_INPUT_BYTES / 1024 + " KB of JSON")));
        }
        List<FieldViolation> violations = schemas.validate(schema, input).stream()
                .map(v -> new FieldViolation(v.field().equals("input") ? "input" : "input." + v.field(), v.message()))
                .toList();
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        return input;
    }

    /** The named JSON Schema an AI product's input must satisfy; null for products that take notes. */
    static @Nullable String schemaFor(ProductCategory category) {
        return switch (category) {
            case AI_COURSE_GENERATION -> "course-input";
            case AI_DOCUMENT_GENERATION -> "document-input";
            default -> null;
        };
    }

    private int size(JsonNode input) {
        return json.writeValueAsString(input).getBytes(StandardCharsets.UTF_8).length;
    }

    private static NotProcessable invalid(List<FieldViolation> violations) {
        return new NotProcessable(
                ErrorCodes.INVALID_INPUT, "The order's input does not fit the product", violations, Map.of());
    }
}
