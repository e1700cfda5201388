package dev.miyabi.platform.llm.internal;

import static dev.miyabi.platform.llm.internal.LlmTestServer.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miyabi.platform.llm.GeneratedBy;
import dev.miyabi.platform.llm.LlmException;
import dev.miyabi.platform.llm.LlmGateway;
import dev.miyabi.platform.llm.OfflineResponder;
import dev.miyabi.platform.llm.StructuredRequest;
import dev.miyabi.platform.llm.StructuredResult;
import dev.miyabi.platform.shared.json.JsonSchemas;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The offline provider: the responder SPI answers its tasks, validated like any model's answer. */
class OfflineProviderTests {

    private static final Map<String, Object> COURSE_INPUT =
            Map.of("topic", "Python for data analysis", "language", "en");
    private static final JsonNode TITLE_SCHEMA = JSON.readTree(
            "{\"type\": \"object\", \"required\": [\"title\"], \"properties\": {\"title\": {\"type\": \"string\"}}}");

    private final JsonSchemas schemas = new JsonSchemas();
    private final InMemoryUsageRecords records = new InMemoryUsageRecords();

    @Test
    void aRegisteredResponderAnswersItsTaskAndATaskWithoutOneIsRefused() {
        OfflineResponder outlines = new OfflineResponder() {
            @Override
            public boolean supports(String task) {
                return task.equals("course.outline");
            }

            @Override
            public JsonNode respond(StructuredRequest request) {
                return JSON.createObjectNode()
                        .put("title", "Outline of " + request.text("topic").orElseThrow());
            }
        };
        LlmGateway gateway = offlineGateway(List.of(outlines));

        StructuredResult outline =
                gateway.structured(StructuredRequest.of("course.outline", "", "Outline it.", TITLE_SCHEMA, "o")
                        .withVariables(COURSE_INPUT));

        assertThat(outline.json().path("title").asString()).isEqualTo("Outline of Python for data analysis");
        assertThat(outline.generatedBy()).isEqualTo(new GeneratedBy("offline", "miyabi-offline-1"));
        assertThat(outline.estimatedCost()).isZero();
        assertThat(outline.usage().input()).isPositive();
        assertThat(outline.usage().output()).isPositive();
        assertThat(records.all())
                .singleElement()
                .satisfies(r -> assertThat(r.provider()).isEqualTo("offline"));
        assertThatThrownBy(() -> gateway.structured(StructuredRequest.of("course.quiz", "", "Quiz.", TITLE_SCHEMA, "q")
                        .withVariables(COURSE_INPUT)))
                .isInstanceOfSatisfying(
                        LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.UNAVAILABLE))
                .hasMessageContaining("no offline responder for task course.quiz");
    }

    @Test
    void aResponderBreakingTheSchemaFailsWithItsViolations() {
        OfflineResponder broken = new OfflineResponder() {
            @Override
            public boolean supports(String task) {
                return true;
            }

            @Override
            public JsonNode respond(StructuredRequest request) {
                return JSON.createObjectNode().put("title", 42);
            }
        };

        assertThatThrownBy(() -> offlineGateway(List.of(broken))
                        .structured(StructuredRequest.of("course.outline", "", "Outline it.", TITLE_SCHEMA, "o")))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.INVALID_OUTPUT);
                    assertThat(e.violations()).extracting(v -> v.field()).containsExactly("title");
                });
    }

    private LlmGateway offlineGateway(List<OfflineResponder> responders) {
        TestSettings settings = new TestSettings();
        settings.provider = "offline";
        LlmProperties properties = settings.build();
        return new DefaultLlmGateway(
                List.of(new OfflineProvider(responders)),
                schemas,
                records,
                new LlmMetrics(new SimpleMeterRegistry()),
                properties,
                Clock.systemUTC());
    }
}
