package dev.miyabi.platform.generation.internal;

import dev.miyabi.platform.generation.internal.DocumentText.Brief;
import dev.miyabi.platform.generation.internal.DocumentText.Section;
import dev.miyabi.platform.llm.OfflineResponder;
import dev.miyabi.platform.llm.StructuredRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The offline provider's answers for the document tasks ({@value DocumentGeneratorAgent#OUTLINE_TASK},
 * {@value DocumentGeneratorAgent#SECTION_TASK}): the usual sections of the document type, and bodies that
 * use the title, audience, tone and every data point (as a table where figures belong). English or
 * Japanese; deterministic and valid against the tasks' schemas.
 */
@Component
class OfflineDocumentWriter implements OfflineResponder {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public boolean supports(String task) {
        return task.equals(DocumentGeneratorAgent.OUTLINE_TASK) || task.equals(DocumentGeneratorAgent.SECTION_TASK);
    }

    @Override
    public JsonNode respond(StructuredRequest request) {
        DocumentText text = DocumentText.forLanguage(request.language());
        String type = request.text("documentType").orElse("report");
        String title = request.text("title").orElse("");
        List<Section> sections = text.sections(type, title);
        if (request.task().equals(DocumentGeneratorAgent.OUTLINE_TASK)) {
            ObjectNode outline = JsonNodeFactory.instance.objectNode();
            ArrayNode nodes = outline.putArray("sections");
            sections.forEach(section ->
                    nodes.addObject().put("heading", section.heading()).put("purpose", section.purpose()));
            return outline;
        }
        Brief brief = new Brief(
                type,
                title,
                request.text("audience").orElse(""),
                request.text("tone").orElse("professional"),
                data(request.text("dataPoints").orElse("{}")));
        String heading = request.text("heading").orElse("");
        String body = sections.stream()
                .filter(section -> section.heading().equals(heading))
                .findFirst()
                .map(section -> text.body(section.key(), brief))
                .orElseGet(() -> text.generic(heading, request.text("purpose").orElse(""), brief));
        return JsonNodeFactory.instance.objectNode().put("body", body);
    }

    /** The data points as name → text, lists joined with commas, in the customer's order. */
    static Map<String, String> data(String json) {
        Map<String, String> data = new LinkedHashMap<>();
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            return data;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            String text = value.isArray()
                    ? value.valueStream().map(JsonNode::asString).collect(Collectors.joining(", "))
                    : value.asString();
            data.put(entry.getKey(), text);
        }
        return data;
    }
}
