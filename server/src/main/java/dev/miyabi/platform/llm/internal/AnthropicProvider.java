package dev.miyabi.platform.llm.internal;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Claude through the Anthropic Messages API. */
final class AnthropicProvider extends LangChain4jProvider {

    static final String NAME = "anthropic";

    /**
     * Keywords Anthropic's structured outputs refuse (numeric and length bounds, array sizes beyond
     * 0/1, patterns, object sizes). They stay in the schema that the prompt shows and that the
     * gateway validates against; the server only enforces the shape.
     */
    private static final Set<String> UNSUPPORTED = Set.of(
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "minLength",
            "maxLength",
            "pattern",
            "maxItems",
            "uniqueItems",
            "minProperties",
            "maxProperties",
            "patternProperties",
            "$schema",
            "$id");

    private AnthropicProvider(LlmProperties.Anthropic settings, LlmProperties.Timeouts timeouts, Clock clock) {
        super(
                NAME,
                settings.model(),
                AnthropicChatModel.builder()
                        .httpClientBuilder(http(settings, timeouts, clock))
                        .baseUrl(settings.baseUrl())
                        .apiKey(settings.apiKey())
                        .version(settings.version())
                        .modelName(settings.model())
                        .maxRetries(0)
                        .logRequests(false)
                        .logResponses(false)
                        .build(),
                settings.structuredOutput());
    }

    static AnthropicProvider create(LlmProperties.Anthropic settings, LlmProperties.Timeouts timeouts, Clock clock) {
        if (!settings.configured()) {
            throw new IllegalStateException("The anthropic provider needs an API key (ANTHROPIC_API_KEY)");
        }
        return new AnthropicProvider(settings, timeouts, clock);
    }

    private static ProviderHttpClient.Builder http(
            LlmProperties.Anthropic settings, LlmProperties.Timeouts timeouts, Clock clock) {
        return ProviderHttpClient.builder(clock, settings.baseUrl().startsWith("https:"), timeouts);
    }

    @Override
    JsonNode providerSchema(JsonNode schema) {
        return supportedSubset(schema);
    }

    /** The schema without the keywords Anthropic refuses; every object closed as it requires. */
    static JsonNode supportedSubset(JsonNode schema) {
        if (schema.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            schema.values().forEach(item -> copy.add(supportedSubset(item)));
            return copy;
        }
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> entry : schema.properties()) {
            String keyword = entry.getKey();
            JsonNode value = entry.getValue();
            if (UNSUPPORTED.contains(keyword) || keyword.equals("additionalProperties")) {
                continue;
            }
            if (keyword.equals("minItems")) {
                copy.put("minItems", Math.min(1, value.asInt()));
            } else if (keyword.equals("properties") || keyword.equals("$defs") || keyword.equals("definitions")) {
                ObjectNode members = JsonNodeFactory.instance.objectNode();
                value.properties().forEach(member -> members.set(member.getKey(), supportedSubset(member.getValue())));
                copy.set(keyword, members);
            } else if (keyword.equals("enum")
                    || keyword.equals("const")
                    || keyword.equals("default")
                    || keyword.equals("examples")
                    || keyword.equals("required")) {
                copy.set(keyword, value);
            } else {
                copy.set(keyword, supportedSubset(value));
            }
        }
        boolean isObject = copy.path("type").asString("").equals("object") || copy.has("properties");
        if (isObject) {
            copy.put("additionalProperties", false);
        }
        return copy;
    }
}
