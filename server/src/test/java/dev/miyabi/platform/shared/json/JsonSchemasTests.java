package dev.miyabi.platform.shared.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.shared.FieldViolation;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonSchemasTests {

    private final JsonSchemas schemas = new JsonSchemas();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aValidDocumentHasNoViolations() {
        assertThat(schemas.validate("example", parse("{\"topic\": \"Python basics\", \"objectives\": [\"a\", \"b\"]}")))
                .isEmpty();
    }

    @Test
    void violationsNameTheFieldsAtFault() {
        List<FieldViolation> violations = schemas.validate(
                "example", parse("{\"topic\": \"Py\", \"level\": \"expert\", \"objectives\": [\"\"], \"x\": 1}"));

        assertThat(violations)
                .extracting(FieldViolation::field)
                .contains("topic", "level", "objectives", "objectives[0]", "x");
        assertThat(violations)
                .allSatisfy(v -> assertThat(v.message()).isNotBlank().doesNotStartWith("$"));
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        assertThat(schemas.validate("example", parse("{\"objectives\": [\"a\", \"b\"]}")))
                .extracting(FieldViolation::field)
                .containsExactly("topic");
    }

    @Test
    void adHocSchemasAreAccepted() {
        JsonNode schema = parse("{\"type\": \"object\", \"required\": [\"title\"]}");

        assertThat(schemas.validate(schema, parse("{}"))).hasSize(1);
        assertThat(schemas.validate(schema, parse("{\"title\": \"t\"}"))).isEmpty();
    }

    private JsonNode parse(String text) {
        return json.readTree(text);
    }
}
