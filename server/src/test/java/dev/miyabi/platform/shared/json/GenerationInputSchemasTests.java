package dev.miyabi.platform.shared.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.shared.FieldViolation;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The course and document input schemas that orders and AI jobs share (API.md, "AI jobs"). */
class GenerationInputSchemasTests {

    private final JsonSchemas schemas = new JsonSchemas();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aCompleteCourseInputIsValid() {
        assertThat(schemas.validate("course-input", course())).isEmpty();
        ObjectNode minimal = course();
        minimal.remove("format");
        minimal.remove("language");
        assertThat(schemas.validate("course-input", minimal)).isEmpty();
    }

    @Test
    void courseInputRulesNameTheirFields() {
        assertThat(fields("course-input", course().put("topic", "Py"))).containsExactly("topic");
        assertThat(fields("course-input", course().put("topic", "x".repeat(201))))
                .containsExactly("topic");
        assertThat(fields("course-input", course().put("difficulty", "expert"))).containsExactly("difficulty");
        assertThat(fields("course-input", course().put("estimatedHours", 0))).containsExactly("estimatedHours");
        assertThat(fields("course-input", course().put("estimatedHours", 101))).containsExactly("estimatedHours");
        assertThat(fields("course-input", course().put("format", "podcast"))).containsExactly("format");
        assertThat(fields("course-input", course().put("language", "English"))).containsExactly("language");
        assertThat(fields("course-input", course().put("language", "pt-BR"))).isEmpty();
        assertThat(fields("course-input", course().put("surprise", true))).containsExactly("surprise");

        ObjectNode twoObjectives = course();
        twoObjectives.putArray("learningObjectives").add("a").add("b");
        assertThat(fields("course-input", twoObjectives)).containsExactly("learningObjectives");
        ObjectNode elevenObjectives = course();
        var many = elevenObjectives.putArray("learningObjectives");
        for (int i = 0; i < 11; i++) {
            many.add("objective " + i);
        }
        assertThat(fields("course-input", elevenObjectives)).containsExactly("learningObjectives");
        ObjectNode blankObjective = course();
        blankObjective.putArray("learningObjectives").add("one").add("  ").add("three");
        assertThat(fields("course-input", blankObjective)).containsExactly("learningObjectives[1]");

        ObjectNode missing = course();
        missing.remove("targetAudience");
        assertThat(fields("course-input", missing)).containsExactly("targetAudience");
    }

    @Test
    void documentInputRulesNameTheirFields() {
        assertThat(schemas.validate("document-input", document())).isEmpty();
        assertThat(fields("document-input", document().put("documentType", "poem")))
                .containsExactly("documentType");
        assertThat(fields("document-input", document().put("title", "ab"))).containsExactly("title");
        ObjectNode nested = document();
        nested.putObject("dataPoints").putObject("deep").put("x", 1);
        assertThat(fields("document-input", nested)).contains("dataPoints.deep");
        ObjectNode missing = document();
        missing.remove("audience");
        assertThat(fields("document-input", missing)).containsExactly("audience");
    }

    private List<String> fields(String schema, ObjectNode input) {
        return schemas.validate(schema, input).stream()
                .map(FieldViolation::field)
                .distinct()
                .toList();
    }

    private ObjectNode course() {
        ObjectNode node = json.createObjectNode()
                .put("topic", "Python for data analysis")
                .put("targetAudience", "Analysts new to programming")
                .put("difficulty", "beginner")
                .put("estimatedHours", 6)
                .put("format", "text")
                .put("language", "en");
        node.putArray("learningObjectives").add("Load data").add("Clean data").add("Plot results");
        return node;
    }

    private ObjectNode document() {
        ObjectNode node = json.createObjectNode()
                .put("documentType", "proposal")
                .put("title", "Migrating billing to the cloud")
                .put("audience", "CFO and IT leads")
                .put("tone", "formal")
                .put("language", "ja");
        node.putObject("dataPoints")
                .put("budget", "120000 USD")
                .put("months", 6)
                .put("pilot", true);
        return node;
    }
}
