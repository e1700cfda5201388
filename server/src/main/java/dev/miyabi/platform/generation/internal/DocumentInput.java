package dev.miyabi.platform.generation.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A document request (schemas/document-input.schema.json) after validation, with its defaults applied. */
record DocumentInput(
        String documentType, String title, String audience, ObjectNode dataPoints, String tone, String language) {

    static DocumentInput from(JsonNode input) {
        JsonNode data = input.path("dataPoints");
        return new DocumentInput(
                input.path("documentType").asString(),
                input.path("title").asString().strip(),
                input.path("audience").asString().strip(),
                data.isObject() ? (ObjectNode) data.deepCopy() : JsonNodeFactory.instance.objectNode(),
                input.path("tone").asString("professional").strip(),
                input.path("language").asString("en"));
    }

    Map<String, Object> variables() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("documentType", documentType);
        variables.put("title", title);
        variables.put("audience", audience);
        variables.put("tone", tone);
        variables.put("language", language);
        variables.put("languageName", Languages.displayName(language));
        // As JSON text: the prompt shows it as written and the offline writer reads it back.
        variables.put("dataPoints", dataPoints.toString());
        return variables;
    }
}
