package dev.miyabi.platform.shared.json;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.miyabi.platform.shared.FieldViolation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * JSON Schema (2020-12) validation for every module: named schemas are files on the classpath at
 * {@code schemas/<name>.schema.json} (so the orders, AI-jobs and LLM modules check the same rules),
 * and ad-hoc schemas are accepted as JSON. Violations come back as {@link FieldViolation}s whose
 * field is the JSON path of the offending value ({@code learningObjectives[0]}, {@code topic}).
 */
@Component
public class JsonSchemas {

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> named = new ConcurrentHashMap<>();

    /** The schema JSON of a named schema, e.g. to give it to an LLM as the expected output shape. */
    public JsonNode schemaNode(String name) {
        return schema(name).getSchemaNode();
    }

    public List<FieldViolation> validate(String schemaName, JsonNode instance) {
        return violations(schema(schemaName), instance);
    }

    public List<FieldViolation> validate(JsonNode schema, JsonNode instance) {
        return violations(registry.getSchema(schema.toString()), instance);
    }

    private Schema schema(String name) {
        return named.computeIfAbsent(name, key -> {
            ClassPathResource resource = new ClassPathResource("schemas/" + key + ".schema.json");
            try (InputStream in = resource.getInputStream()) {
                return registry.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException("No JSON schema named " + key + " on the classpath", e);
            }
        });
    }

    private static List<FieldViolation> violations(Schema schema, JsonNode instance) {
        return schema.validate(instance).stream().map(JsonSchemas::toViolation).toList();
    }

    private static FieldViolation toViolation(Error error) {
        String pointer = error.getInstanceLocation() == null
                ? ""
                : error.getInstanceLocation().toString();
        StringBuilder field = new StringBuilder();
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty() || segment.equals("$")) {
                continue;
            }
            if (segment.chars().allMatch(Character::isDigit)) {
                field.append('[').append(segment).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".")
                        .append(segment.replace("~1", "/").replace("~0", "~"));
            }
        }
        boolean namesAProperty =
                "required".equals(error.getKeyword()) || "additionalProperties".equals(error.getKeyword());
        if (namesAProperty && error.getProperty() != null) {
            field.append(field.isEmpty() ? "" : ".").append(error.getProperty());
        }
        String message = error.getMessage();
        int colon = message.indexOf(": ");
        if ((message.startsWith("$") || message.startsWith("/")) && colon > 0) {
            message = message.substring(colon + 2);
        }
        return new FieldViolation(field.isEmpty() ? "input" : field.toString(), message);
    }
}
