package dev.miyabi.platform.llm.internal;

import static dev.miyabi.platform.llm.internal.LlmTestServer.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miyabi.platform.llm.ChatRequest;
import dev.miyabi.platform.llm.ChatResult;
import dev.miyabi.platform.llm.GeneratedBy;
import dev.miyabi.platform.llm.LlmException;
import dev.miyabi.platform.llm.LlmGateway;
import dev.miyabi.platform.llm.OfflineResponder;
import dev.miyabi.platform.llm.StructuredRequest;
import dev.miyabi.platform.llm.StructuredResult;
import dev.miyabi.platform.shared.json.JsonSchemas;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The offline provider: schema-valid, deterministic, input-shaped documents for any schema; the
 * responder SPI; chat and streaming without a network.
 */
class OfflineProviderTests {

    private final JsonSchemas schemas = new JsonSchemas();
    private final InMemoryUsageRecords records = new InMemoryUsageRecords();

    private static final Map<String, Object> COURSE_INPUT = Map.of(
            "topic", "Python for data analysis",
            "targetAudience", "analysts new to programming",
            "difficulty", "beginner",
            "estimatedHours", 12,
            "learningObjectives",
                    List.of("Load CSV files with pandas", "Clean and reshape tables", "Plot trends with matplotlib"),
            "language", "en");

    /** The course output of API.md, with its bounds. */
    static final JsonNode COURSE_SCHEMA = JSON.readTree("""
            {"type": "object", "additionalProperties": false,
             "required": ["title", "description", "prerequisites", "modules", "assessmentStrategy"],
             "properties": {
               "title": {"type": "string", "minLength": 5, "maxLength": 120},
               "description": {"type": "string", "minLength": 40},
               "prerequisites": {"type": "array", "items": {"type": "string", "minLength": 3}},
               "learningObjectives": {"type": "array", "minItems": 3, "maxItems": 10, "items": {"type": "string"}},
               "difficulty": {"enum": ["beginner", "intermediate", "advanced"]},
               "modules": {"type": "array", "minItems": 4, "maxItems": 8, "items": {"$ref": "#/$defs/module"}},
               "assessmentStrategy": {"type": "string", "minLength": 20}},
             "$defs": {
               "module": {"type": "object", "additionalProperties": false,
                 "required": ["title", "summary", "lessons", "quiz"],
                 "properties": {
                   "title": {"type": "string", "minLength": 3},
                   "summary": {"type": "string"},
                   "lessons": {"type": "array", "minItems": 3, "maxItems": 6, "items": {"$ref": "#/$defs/lesson"}},
                   "quiz": {"type": "object", "required": ["questions"], "properties": {
                     "questions": {"type": "array", "minItems": 5, "maxItems": 10, "items": {
                       "type": "object", "required": ["question", "options", "answerIndex", "explanation"],
                       "properties": {
                         "question": {"type": "string", "minLength": 10},
                         "options": {"type": "array", "minItems": 4, "maxItems": 4, "uniqueItems": true,
                                     "items": {"type": "string", "minLength": 1}},
                         "answerIndex": {"type": "integer", "minimum": 0, "maximum": 3},
                         "explanation": {"type": "string", "minLength": 10}}}}}}}},
               "lesson": {"type": "object", "additionalProperties": false,
                 "required": ["title", "durationMinutes", "topics", "content", "exercises"],
                 "properties": {
                   "title": {"type": "string"},
                   "durationMinutes": {"type": "integer", "minimum": 5, "maximum": 240, "multipleOf": 5},
                   "topics": {"type": "array", "minItems": 1, "items": {"type": "string"}},
                   "content": {"type": "string", "minLength": 200},
                   "exercises": {"type": "array", "minItems": 2, "maxItems": 3, "items": {"type": "string"}}}}}}
            """);

    static Stream<Arguments> schemasOfEveryKind() {
        return Stream.of(
                Arguments.of("course", COURSE_SCHEMA),
                Arguments.of("document", JSON.readTree("""
                        {"type": "object", "required": ["title", "sections", "markdown"],
                         "properties": {"title": {"type": "string"},
                           "sections": {"type": "array", "minItems": 3, "items": {"type": "object",
                             "required": ["heading", "body"], "properties": {
                               "heading": {"type": "string", "maxLength": 60},
                               "body": {"type": "string", "minLength": 100, "maxLength": 600}}}},
                           "markdown": {"type": "string"}}}
                        """)),
                Arguments.of("formats and patterns", JSON.readTree("""
                        {"type": "object", "required": ["code", "email", "at", "day", "id", "link", "slug", "short", "exact", "ip"],
                         "properties": {
                           "code": {"type": "string", "pattern": "^[A-Z]{3}-\\\\d{4}$"},
                           "slug": {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$", "maxLength": 20},
                           "email": {"type": "string", "format": "email"},
                           "at": {"type": "string", "format": "date-time"},
                           "day": {"type": "string", "format": "date"},
                           "id": {"type": "string", "format": "uuid"},
                           "link": {"type": "string", "format": "uri"},
                           "ip": {"type": "string", "format": "ipv4"},
                           "short": {"type": "string", "minLength": 2, "maxLength": 8},
                           "exact": {"type": "string", "minLength": 50, "maxLength": 50},
                           "version": {"type": "string", "pattern": "^v(\\\\d+)\\\\.(\\\\d+)\\\\.(\\\\d+)$"},
                           "locale": {"type": "string", "pattern": "^(en|ja|fr)(-[A-Z]{2})?$"}}}
                        """)),
                Arguments.of("numbers", JSON.readTree("""
                        {"type": "object", "required": ["count", "ratio", "price", "negative", "odd", "ceiling"],
                         "properties": {
                           "count": {"type": "integer", "exclusiveMinimum": 10, "exclusiveMaximum": 12},
                           "ratio": {"type": "number", "minimum": 0, "maximum": 1},
                           "price": {"type": "number", "exclusiveMinimum": 0.5, "maximum": 0.75, "multipleOf": 0.05},
                           "negative": {"type": "integer", "maximum": -5},
                           "odd": {"type": "integer", "minimum": 100, "multipleOf": 7},
                           "ceiling": {"type": "number", "minimum": 1000000}}}
                        """)),
                Arguments.of("combinators and references", JSON.readTree("""
                        {"$ref": "#/$defs/node",
                         "$defs": {
                           "node": {"type": "object", "required": ["name", "children", "kind"],
                             "properties": {
                               "name": {"type": "string"},
                               "kind": {"oneOf": [{"type": "null"}, {"enum": ["leaf", "branch"]}]},
                               "children": {"type": "array", "maxItems": 2, "items": {"$ref": "#/$defs/node"}},
                               "meta": {"allOf": [
                                 {"type": "object", "required": ["a"], "properties": {"a": {"type": "integer", "minimum": 3}}},
                                 {"type": "object", "required": ["b"], "properties": {"a": {"maximum": 4}, "b": {"type": "boolean"}}}]},
                               "maybe": {"type": ["string", "null"], "minLength": 4},
                               "fixed": {"const": {"version": 2}},
                               "nothing": {"type": "null"}}}}}
                        """)),
                Arguments.of("arrays", JSON.readTree("""
                        {"type": "object", "required": ["tags", "pair", "matrix", "bag", "flags"],
                         "properties": {
                           "tags": {"type": "array", "minItems": 3, "uniqueItems": true,
                                    "items": {"enum": ["red", "green", "blue", "black"]}},
                           "pair": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}], "items": false},
                           "matrix": {"type": "array", "minItems": 2, "items": {"type": "array", "minItems": 2, "maxItems": 2,
                                      "items": {"type": "number"}}},
                           "bag": {"type": "object", "minProperties": 2, "additionalProperties": {"type": "integer"}},
                           "flags": {"type": "array", "maxItems": 0}}}
                        """)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemasOfEveryKind")
    void theDocumentIsValidAgainstTheSchema(String name, JsonNode schema) {
        StructuredRequest request = StructuredRequest.of("test." + name.replace(' ', '_'), "", "Make one.", schema, "s")
                .withVariables(COURSE_INPUT);

        JsonNode document = structured(request);

        assertThat(schemas.validate(schema, document))
                .as(document.toPrettyString())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemasOfEveryKind")
    void theSameRequestGivesTheSameDocument(String name, JsonNode schema) {
        StructuredRequest request =
                StructuredRequest.of("test", "", "Make one.", schema, "s").withVariables(COURSE_INPUT);

        assertThat(structured(request)).isEqualTo(structured(request));
    }

    @Test
    void theCourseIsShapedByTheTopicObjectivesAndSettings() {
        JsonNode course = structured(courseRequest(COURSE_INPUT));

        assertThat(course.path("title").asString()).isEqualTo("Python for data analysis");
        assertThat(course.path("description").asString()).contains("Python for data analysis");
        assertThat(course.path("learningObjectives").values())
                .extracting(JsonNode::asString)
                .containsExactly(
                        "Load CSV files with pandas", "Clean and reshape tables", "Plot trends with matplotlib");
        assertThat(course.path("difficulty").asString()).isEqualTo("beginner");
        assertThat(course.path("modules")).hasSizeBetween(4, 8);
        assertThat(course.path("modules").get(1).path("title").asString())
                .isEqualTo("Module 2: Clean and reshape tables");
        JsonNode lesson = course.path("modules").get(0).path("lessons").get(0);
        assertThat(lesson.path("title").asString()).startsWith("Lesson 1: ");
        assertThat(lesson.path("content").asString()).startsWith("## ").contains("Python for data analysis");
    }

    @Test
    void aDifferentInputGivesADifferentDocument() {
        Map<String, Object> other = new java.util.HashMap<>(COURSE_INPUT);
        other.put("topic", "Negotiation for engineers");

        JsonNode course = structured(courseRequest(other));

        assertThat(course).isNotEqualTo(structured(courseRequest(COURSE_INPUT)));
        assertThat(course.path("title").asString()).isEqualTo("Negotiation for engineers");
    }

    @Test
    void japaneseInputGivesJapaneseText() {
        Map<String, Object> japanese = Map.of(
                "topic",
                "データ分析のためのPython",
                "learningObjectives",
                List.of("CSVを読み込む", "表を整形する", "グラフを描く"),
                "language",
                "ja");

        JsonNode course = structured(courseRequest(japanese));

        assertThat(schemas.validate(COURSE_SCHEMA, course)).isEmpty();
        assertThat(course.path("description").asString())
                .contains("データ分析のためのPython")
                .containsPattern("[ぁ-んァ-ン]");
        assertThat(course.path("modules").get(0).path("title").asString()).isEqualTo("第1部 CSVを読み込む");
    }

    @Test
    void aRegisteredResponderAnswersItsTaskAndTheSchemaAnswersTheRest() {
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
        JsonNode schema = JSON.readTree(
                "{\"type\": \"object\", \"required\": [\"title\"], \"properties\": {\"title\": {\"type\": \"string\"}}}");
        LlmGateway gateway = offlineGateway(List.of(outlines));

        StructuredResult outline =
                gateway.structured(StructuredRequest.of("course.outline", "", "Outline it.", schema, "o")
                        .withVariables(COURSE_INPUT));
        StructuredResult other = gateway.structured(
                StructuredRequest.of("course.quiz", "", "Quiz.", schema, "q").withVariables(COURSE_INPUT));

        assertThat(outline.json().path("title").asString()).isEqualTo("Outline of Python for data analysis");
        assertThat(other.json().path("title").asString()).isEqualTo("Python for data analysis");
        assertThat(outline.generatedBy()).isEqualTo(new GeneratedBy("offline", "miyabi-offline-1"));
        assertThat(outline.estimatedCost()).isZero();
        assertThat(outline.usage().input()).isPositive();
        assertThat(outline.usage().output()).isPositive();
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
        JsonNode schema = JSON.readTree(
                "{\"type\": \"object\", \"required\": [\"title\"], \"properties\": {\"title\": {\"type\": \"string\"}}}");

        assertThatThrownBy(() -> offlineGateway(List.of(broken))
                        .structured(StructuredRequest.of("course.outline", "", "Outline it.", schema, "o")))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.INVALID_OUTPUT);
                    assertThat(e.violations()).extracting(v -> v.field()).containsExactly("title");
                });
    }

    @Test
    void chatAndStreamingAnswerDeterministicallyFromThePrompt() {
        LlmGateway gateway = offlineGateway(List.of());
        ChatRequest request = ChatRequest.of(
                        "support.reply", "You help customers.", "How do refunds work for cancelled subscriptions?")
                .withVariables(Map.of("topic", "Refunds"));

        ChatResult chat = gateway.chat(request);
        List<String> chunks = new ArrayList<>();
        ChatResult streamed = gateway.stream(request, chunks::add);

        assertThat(chat.text()).isEqualTo(gateway.chat(request).text());
        assertThat(chat.text()).contains("Refunds").containsIgnoringCase("subscriptions");
        assertThat(chunks).hasSizeGreaterThan(5);
        assertThat(String.join("", chunks)).isEqualTo(chat.text()).isEqualTo(streamed.text());
        assertThat(streamed.generatedBy().provider()).isEqualTo("offline");
        assertThat(records.all())
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.provider()).isEqualTo("offline"));
    }

    @Test
    void patternsAreSampledToMatch() {
        List<String> patterns = List.of(
                "^[A-Z]{3}-\\d{4}$",
                "^\\+?[0-9]{7,12}$",
                "^(red|green|blue)$",
                "^[a-z][a-z0-9_]{2,15}$",
                "^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$",
                "^\\d{3}(\\.\\d{2})?$",
                "^#[0-9a-fA-F]{6}$",
                "abc",
                "^[A-Z][a-z]+(?: [A-Z][a-z]+)*$");
        for (String pattern : patterns) {
            for (long seed = 0; seed < 20; seed++) {
                String sample =
                        RegexSampler.sample(pattern, seed, 0, 100).orElseThrow(() -> new AssertionError(pattern));
                assertThat(Pattern.compile(pattern).matcher(sample).find())
                        .as("%s ~ %s", sample, pattern)
                        .isTrue();
            }
        }
        assertThat(RegexSampler.sample("^(?=.*\\d)\\w+$", 1, 0, 100)).isEmpty();
    }

    private StructuredRequest courseRequest(Map<String, Object> input) {
        return StructuredRequest.of(
                        "course.outline",
                        "You design courses.",
                        "Design a course on {{topic}}.",
                        COURSE_SCHEMA,
                        "course")
                .withVariables(input);
    }

    private JsonNode structured(StructuredRequest request) {
        return offlineGateway(List.of()).structured(request).json();
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
