package dev.miyabi.platform.llm.internal;

import static dev.miyabi.platform.llm.internal.LlmTestServer.JSON;
import static dev.miyabi.platform.llm.internal.LlmTestServer.anthropicError;
import static dev.miyabi.platform.llm.internal.LlmTestServer.anthropicMessage;
import static dev.miyabi.platform.llm.internal.LlmTestServer.delayed;
import static dev.miyabi.platform.llm.internal.LlmTestServer.openAiCompletion;
import static dev.miyabi.platform.llm.internal.LlmTestServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.llm.GeneratedBy;
import dev.miyabi.platform.llm.LlmException;
import dev.miyabi.platform.llm.LlmGateway;
import dev.miyabi.platform.llm.OfflineResponder;
import dev.miyabi.platform.llm.StructuredRequest;
import dev.miyabi.platform.llm.StructuredResult;
import dev.miyabi.platform.llm.TokenUsage;
import dev.miyabi.platform.llm.internal.LlmProperties.StructuredOutput;
import dev.miyabi.platform.shared.FieldViolation;
import dev.miyabi.platform.shared.json.JsonSchemas;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The gateway and the Anthropic/OpenAI providers against local servers that speak the providers'
 * wire formats: requests as the APIs expect them, answers and token usage read back, retries honouring Retry-After, fallbacks, and structured output repaired by re-asking.
 */
class LlmGatewayTests {

    private static final UUID USER = UUID.randomUUID();
    private static final UUID JOB = UUID.randomUUID();
    private static final JsonNode SECTIONS_SCHEMA = JSON.readTree("""
            {"type": "object", "required": ["title", "sections"], "additionalProperties": false,
             "properties": {
               "title": {"type": "string", "minLength": 3, "maxLength": 80},
               "sections": {"type": "array", "minItems": 2, "maxItems": 5,
                 "items": {"type": "object", "required": ["heading", "body"],
                   "properties": {"heading": {"type": "string"}, "body": {"type": "string", "minLength": 10}}}}}}
            """);
    private static final String VALID_DOCUMENT =
            "{\"title\": \"Onboarding\", \"sections\": [{\"heading\": \"Welcome\", \"body\": \"Glad to have you here.\"},"
                    + " {\"heading\": \"Tools\", \"body\": \"Your laptop arrives on day one.\"}]}";

    /** The offline provider's answer to the tasks of these tests. */
    private static final OfflineResponder OFFLINE = new OfflineResponder() {
        @Override
        public boolean supports(String task) {
            return task.equals("support.reply");
        }

        @Override
        public JsonNode respond(StructuredRequest request) {
            return JSON.readTree(VALID_DOCUMENT);
        }
    };

    private final InMemoryUsageRecords records = new InMemoryUsageRecords();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private LlmTestServer anthropic;
    private LlmTestServer openai;

    @BeforeEach
    void startServers() throws IOException {
        anthropic = new LlmTestServer();
        openai = new LlmTestServer();
    }

    @AfterEach
    void stopServers() {
        anthropic.close();
        openai.close();
    }

    /** anthropic first, openai as its fallback, both on the local servers. */
    private TestSettings anthropicThenOpenAi() {
        TestSettings settings = new TestSettings();
        settings.provider = "anthropic";
        settings.anthropicKey = "test-anthropic-key";
        settings.anthropicUrl = anthropic.baseUrl();
        settings.openAiKey = "sk-test";
        settings.openAiUrl = openai.baseUrl();
        settings.fallback = List.of("openai");
        return settings;
    }

    private TestSettings only(String provider) {
        TestSettings settings = anthropicThenOpenAi();
        settings.provider = provider;
        settings.fallback = List.of(provider);
        return settings;
    }

    private LlmGateway gateway(TestSettings settings) {
        LlmProperties properties = settings.build();
        return new DefaultLlmGateway(
                LlmConfiguration.providers(properties, new OfflineProvider(List.of(OFFLINE)), Clock.systemUTC()),
                new JsonSchemas(),
                records,
                new LlmMetrics(meters),
                properties,
                Clock.systemUTC());
    }

    private static StructuredRequest greeting() {
        return StructuredRequest.of(
                        "support.reply",
                        "You are a concise assistant.",
                        "Say hello to {{name}}.",
                        SECTIONS_SCHEMA,
                        "document_sections")
                .withVariables(Map.of("name", "Aiko"))
                .forUser(USER, JOB)
                .withMaxOutputTokens(200);
    }

    private static StructuredRequest outline() {
        return StructuredRequest.of(
                        "document.sections",
                        "You write business documents.",
                        "Write an onboarding guide about {{topic}}.",
                        SECTIONS_SCHEMA,
                        "document_sections")
                .withVariables(Map.of("topic", "our tools"))
                .forUser(USER, JOB);
    }

    // ---- Anthropic Messages API ---------------------------------------------------------------

    @Test
    void anthropicChatSpeaksTheMessagesApiAndRecordsTheReportedTokens() {
        anthropic.then(anthropicMessage(VALID_DOCUMENT, 12, 5));

        StructuredResult result = gateway(anthropicThenOpenAi()).structured(greeting());

        assertThat(result.json()).isEqualTo(JSON.readTree(VALID_DOCUMENT));
        assertThat(result.usage()).isEqualTo(new TokenUsage(12, 5));
        assertThat(result.generatedBy()).isEqualTo(new GeneratedBy("anthropic", "claude-sonnet-4-5-20250929"));
        assertThat(result.attempts()).isEqualTo(1);
        // (12 × 3.00 + 5 × 15.00) / 1e6 USD
        assertThat(result.estimatedCost()).isEqualByComparingTo("0.000111");

        LlmTestServer.Received request = anthropic.request(0);
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.headers().get("x-api-key")).isEqualTo("test-anthropic-key");
        assertThat(request.headers().get("anthropic-version")).isEqualTo("2023-06-01");
        JsonNode body = request.json();
        assertThat(body.path("model").asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(200);
        assertThat(body.toString()).contains("You are a concise assistant.");
        assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("user");
        assertThat(body.path("messages").get(0).toString()).contains("Say hello to Aiko.");

        UsageRecord recorded = records.only();
        assertThat(recorded.userId()).isEqualTo(USER);
        assertThat(recorded.jobId()).isEqualTo(JOB);
        assertThat(recorded.task()).isEqualTo("support.reply");
        assertThat(recorded.operation()).isEqualTo("structured");
        assertThat(recorded.provider()).isEqualTo("anthropic");
        assertThat(recorded.model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(recorded.usage()).isEqualTo(new TokenUsage(12, 5));
        assertThat(recorded.estimatedCost()).isEqualByComparingTo("0.000111");

        assertThat(meters.get("miyabi.llm.tokens")
                        .tag("provider", "anthropic")
                        .tag("type", "input")
                        .counter()
                        .count())
                .isEqualTo(12);
        assertThat(meters.get("miyabi.llm.tokens")
                        .tag("provider", "anthropic")
                        .tag("type", "output")
                        .counter()
                        .count())
                .isEqualTo(5);
        assertThat(meters.get("miyabi.llm.requests")
                        .tag("provider", "anthropic")
                        .tag("outcome", "success")
                        .tag("task", "support.reply")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void anthropicStructuredOutputSendsTheSchemaAndReturnsTheValidatedDocument() {
        anthropic.then(anthropicMessage(VALID_DOCUMENT, 300, 60));

        StructuredResult result = gateway(anthropicThenOpenAi()).structured(outline());

        assertThat(result.json()).isEqualTo(JSON.readTree(VALID_DOCUMENT));
        assertThat(result.repairs()).isZero();
        assertThat(result.generatedBy().provider()).isEqualTo("anthropic");

        JsonNode body = anthropic.request(0).json();
        JsonNode format = body.path("output_config").path("format");
        assertThat(format.path("type").asString()).isEqualTo("json_schema");
        // Anthropic refuses length and size bounds: the server gets the shape, the gateway checks the rest.
        assertThat(format.path("schema").toString()).doesNotContain("minLength", "maxLength", "maxItems");
        assertThat(format.path("schema")
                        .path("properties")
                        .path("sections")
                        .path("minItems")
                        .asInt())
                .isEqualTo(1);
        assertThat(format.path("schema").path("additionalProperties").asBoolean(true))
                .isFalse();
        // The full schema, bounds included, is in the instructions.
        assertThat(body.path("system").toString()).contains("document_sections").contains("minLength");
        assertThat(body.path("messages").toString()).contains("onboarding guide about our tools");
    }

    // ---- OpenAI Chat Completions API ----------------------------------------------------------

    @Test
    void openAiChatSpeaksChatCompletionsAndRecordsTheReportedUsage() {
        openai.then(openAiCompletion(VALID_DOCUMENT, 9, 4));

        StructuredResult result = gateway(only("openai")).structured(greeting());

        assertThat(result.json()).isEqualTo(JSON.readTree(VALID_DOCUMENT));
        assertThat(result.usage()).isEqualTo(new TokenUsage(9, 4));
        assertThat(result.generatedBy()).isEqualTo(new GeneratedBy("openai", "gpt-4o-mini-2024-07-18"));
        LlmTestServer.Received request = openai.request(0);
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.headers().get("Authorization")).isEqualTo("Bearer sk-test");
        JsonNode body = request.json();
        assertThat(body.path("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(body.path("messages").get(1).path("content").asString()).isEqualTo("Say hello to Aiko.");
        assertThat(records.only().usage()).isEqualTo(new TokenUsage(9, 4));
    }

    @Test
    void openAiStructuredOutputSendsTheWholeSchemaAsResponseFormat() {
        openai.then(openAiCompletion(VALID_DOCUMENT, 200, 50));

        StructuredResult result = gateway(only("openai")).structured(outline());

        assertThat(result.json().path("sections")).hasSize(2);
        JsonNode format = openai.request(0).json().path("response_format");
        assertThat(format.path("type").asString()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asString()).isEqualTo("document_sections");
        assertThat(format.path("json_schema").path("strict").asBoolean(true)).isFalse();
        assertThat(format.path("json_schema")
                        .path("schema")
                        .path("properties")
                        .path("title")
                        .path("minLength")
                        .asInt())
                .isEqualTo(3);
    }

    @Test
    void aLocalOpenAiCompatibleServerNeedsNoKeyAndMayTakeTheSchemaInThePromptOnly() {
        TestSettings settings = only("openai");
        settings.openAiKey = null;
        settings.openAiStructured = StructuredOutput.PROMPT;
        openai.then(openAiCompletion(VALID_DOCUMENT, 200, 50));

        StructuredResult result = gateway(settings).structured(outline());

        assertThat(result.json().path("title").asString()).isEqualTo("Onboarding");
        LlmTestServer.Received request = openai.request(0);
        assertThat(request.headers().get("Authorization")).isNull();
        assertThat(request.json().has("response_format")).isFalse();
        assertThat(request.json().path("messages").get(0).toString()).contains("document_sections");
    }

    // ---- retries ------------------------------------------------------------------------------

    @Test
    void aRateLimitedRequestWaitsTheSecondsRetryAfterAsksFor() {
        anthropic
                .then(anthropicError(429, "rate_limit_error", "Slow down", "Retry-After", "1"))
                .then(anthropicMessage(VALID_DOCUMENT, 10, 2));

        StructuredResult result = gateway(anthropicThenOpenAi()).structured(greeting());

        assertThat(result.json()).isEqualTo(JSON.readTree(VALID_DOCUMENT));
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(anthropic.received()).hasSize(2);
        // The configured backoff is 10 ms: a gap of a second is the server's Retry-After.
        assertThat(anthropic.gapMillis(1)).isBetween(1000L, 4000L);
        assertThat(meters.get("miyabi.llm.retries")
                        .tag("provider", "anthropic")
                        .tag("reason", "rate_limited")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("miyabi.llm.errors")
                        .tag("provider", "anthropic")
                        .tag("outcome", "rate_limited")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(records.only().usage()).isEqualTo(new TokenUsage(10, 2));
    }

    @Test
    void aRateLimitedRequestWaitsUntilTheRetryAfterDate() {
        String inThreeSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3));
        openai.then(status(429, "{\"error\": {\"message\": \"Rate limit reached\"}}", "Retry-After", inThreeSeconds))
                .then(openAiCompletion(VALID_DOCUMENT, 10, 2));

        StructuredResult result = gateway(only("openai")).structured(greeting());

        assertThat(result.attempts()).isEqualTo(2);
        // The date has whole seconds: the wait is between 2 and 3 seconds.
        assertThat(openai.gapMillis(1)).isBetween(1900L, 6000L);
    }

    @Test
    void openAiRetryAfterMillisecondsAreHonoured() {
        openai.then(status(429, "{\"error\": {\"message\": \"Rate limit reached\"}}", "retry-after-ms", "700"))
                .then(openAiCompletion(VALID_DOCUMENT, 10, 2));

        gateway(only("openai")).structured(greeting());

        assertThat(openai.gapMillis(1)).isBetween(700L, 3000L);
    }

    @Test
    void serverErrorsAreRetriedWithExponentialBackoffUntilOneSucceeds() {
        TestSettings settings = anthropicThenOpenAi();
        settings.initialBackoff = Duration.ofMillis(150);
        settings.maxBackoff = Duration.ofSeconds(1);
        anthropic
                .then(anthropicError(500, "api_error", "Internal error"))
                .then(anthropicError(529, "overloaded_error", "Overloaded"))
                .then(anthropicMessage(VALID_DOCUMENT, 10, 2));

        StructuredResult result = gateway(settings).structured(greeting());

        assertThat(result.json()).isEqualTo(JSON.readTree(VALID_DOCUMENT));
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.generatedBy().provider()).isEqualTo("anthropic");
        assertThat(anthropic.gapMillis(1)).isGreaterThanOrEqualTo(150);
        assertThat(anthropic.gapMillis(2)).isGreaterThanOrEqualTo(300);
        assertThat(openai.received()).isEmpty();
    }

    @Test
    void aProviderThatKeepsFailingHandsOverToTheNextOne() {
        for (int i = 0; i < 3; i++) {
            anthropic.then(anthropicError(503, "api_error", "Unavailable"));
        }
        openai.then(openAiCompletion(VALID_DOCUMENT, 9, 5));

        StructuredResult result = gateway(anthropicThenOpenAi()).structured(greeting());

        assertThat(result.json()).isEqualTo(JSON.readTree(VALID_DOCUMENT));
        assertThat(result.generatedBy().provider()).isEqualTo("openai");
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(anthropic.received()).hasSize(3);
        assertThat(openai.received()).hasSize(1);
        assertThat(records.only().provider()).isEqualTo("openai");
        assertThat(meters.get("miyabi.llm.fallbacks")
                        .tag("from", "anthropic")
                        .tag("to", "openai")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aRetryAfterLongerThanTheLimitHandsOverAtOnce() {
        anthropic.then(anthropicError(429, "rate_limit_error", "Daily limit", "Retry-After", "3600"));
        openai.then(openAiCompletion(VALID_DOCUMENT, 9, 2));
        long start = System.nanoTime();

        StructuredResult result = gateway(anthropicThenOpenAi()).structured(greeting());

        assertThat(result.generatedBy().provider()).isEqualTo("openai");
        assertThat(anthropic.received()).hasSize(1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
    }

    @Test
    void aRejectedRequestIsNotRetried() {
        anthropic.then(anthropicError(401, "authentication_error", "invalid x-api-key"));
        openai.then(openAiCompletion(VALID_DOCUMENT, 9, 2));

        StructuredResult result = gateway(anthropicThenOpenAi()).structured(greeting());

        assertThat(anthropic.received()).hasSize(1);
        assertThat(result.generatedBy().provider()).isEqualTo("openai");
    }

    @Test
    void networkErrorsAreRetriedThenTheOfflineProviderAnswers() throws IOException {
        TestSettings settings = anthropicThenOpenAi();
        settings.fallback = List.of("offline");
        try (ServerSocket free = new ServerSocket(0)) {
            settings.anthropicUrl = "http://127.0.0.1:" + free.getLocalPort() + "/v1";
        }

        StructuredResult result = gateway(settings).structured(greeting());

        assertThat(result.generatedBy()).isEqualTo(new GeneratedBy("offline", "miyabi-offline-1"));
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(meters.get("miyabi.llm.errors")
                        .tag("provider", "anthropic")
                        .tag("outcome", "network")
                        .counter()
                        .count())
                .isEqualTo(3);
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() {
        TestSettings settings = anthropicThenOpenAi();
        settings.requestTimeout = Duration.ofMillis(300);
        anthropic
                .then(delayed(anthropicMessage("too late", 1, 1), Duration.ofSeconds(8)))
                .then(anthropicMessage(VALID_DOCUMENT, 10, 2));
        long start = System.nanoTime();

        StructuredResult result = gateway(settings).structured(greeting());

        assertThat(result.json()).isEqualTo(JSON.readTree(VALID_DOCUMENT));
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(6000);
    }

    @Test
    void aSlowOpenAiAnswerTimesOutAtTheConfiguredTimeoutAndIsRetried() {
        // LangChain4j's OpenAI model sets a 60 s read timeout of its own on the HTTP client; ours must win.
        TestSettings settings = only("openai");
        settings.requestTimeout = Duration.ofMillis(300);
        openai.then(delayed(openAiCompletion("too late", 1, 1), Duration.ofSeconds(8)))
                .then(openAiCompletion(VALID_DOCUMENT, 9, 4));
        long start = System.nanoTime();

        StructuredResult result = gateway(settings).structured(greeting());

        assertThat(result.json()).isEqualTo(JSON.readTree(VALID_DOCUMENT));
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(6000);
    }

    @Test
    void anInterruptedCallerStopsWaitingAndDoesNotFallBack() throws InterruptedException {
        anthropic.then(anthropicError(429, "rate_limit_error", "Slow down", "Retry-After", "8"));
        LlmGateway gateway = gateway(anthropicThenOpenAi());
        java.util.concurrent.atomic.AtomicReference<Throwable> outcome =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                gateway.structured(greeting());
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        });
        await().until(() -> anthropic.received().size() == 1);
        long start = System.nanoTime();

        caller.interrupt();
        caller.join(Duration.ofSeconds(5));

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(4000);
        assertThat(outcome.get()).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.kind()).isEqualTo(LlmException.Kind.INTERRUPTED);
            assertThat(e.retryable()).isFalse();
        });
        assertThat(openai.received()).isEmpty();
    }

    @Test
    void whenEveryProviderFailsTheErrorNamesEachOfThem() {
        for (int i = 0; i < 3; i++) {
            anthropic.then(anthropicError(500, "api_error", "Internal error"));
            openai.then(status(502, "{\"error\": {\"message\": \"Bad gateway\"}}"));
        }

        assertThatThrownBy(() -> gateway(anthropicThenOpenAi()).structured(greeting()))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.UNAVAILABLE);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.task()).isEqualTo("support.reply");
                })
                .hasMessageContaining("anthropic: HTTP 500")
                .hasMessageContaining("openai: HTTP 502");
        assertThat(anthropic.received()).hasSize(3);
        assertThat(openai.received()).hasSize(3);
    }

    // ---- structured output repair -------------------------------------------------------------

    @Test
    void malformedAndInvalidAnswersAreRepairedByReAskingWithTheErrors() {
        anthropic
                .then(anthropicMessage("Sure! Here it is: {\"title\": \"Onboarding\", \"sections\": [", 300, 20))
                .then(anthropicMessage("{\"title\": \"Onboarding\"}", 340, 10))
                .then(anthropicMessage(VALID_DOCUMENT, 380, 60));

        StructuredResult result = gateway(anthropicThenOpenAi()).structured(outline());

        assertThat(result.json()).isEqualTo(JSON.readTree(VALID_DOCUMENT));
        assertThat(result.repairs()).isEqualTo(2);
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.usage()).isEqualTo(new TokenUsage(1020, 90));

        JsonNode secondMessages = anthropic.request(1).json().path("messages");
        assertThat(secondMessages).hasSize(3);
        assertThat(secondMessages.get(1).path("role").asString()).isEqualTo("assistant");
        assertThat(secondMessages.get(1).toString()).contains("Sure! Here it is");
        assertThat(secondMessages.get(2).toString())
                .contains("not valid against the JSON Schema document_sections")
                .contains("not a JSON document");
        JsonNode thirdMessages = anthropic.request(2).json().path("messages");
        assertThat(thirdMessages).hasSize(5);
        assertThat(thirdMessages.get(4).toString()).contains("sections").contains("required");

        assertThat(records.all())
                .extracting(UsageRecord::outcome)
                .containsExactly("invalid_output", "invalid_output", "success");
        assertThat(meters.get("miyabi.llm.repairs")
                        .tag("provider", "anthropic")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void anAnswerStillInvalidAfterTwoRepairsFailsWithItsViolations() {
        for (int i = 0; i < 3; i++) {
            anthropic.then(anthropicMessage("{\"title\": \"No\", \"sections\": []}", 100, 10));
        }

        assertThatThrownBy(() -> gateway(only("anthropic")).structured(outline()))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.INVALID_OUTPUT);
                    assertThat(e.violations()).extracting(FieldViolation::field).contains("title", "sections");
                    assertThat(e.usage()).isEqualTo(new TokenUsage(300, 30));
                })
                .hasMessageContaining("document.sections")
                .hasMessageContaining("after 2 repair(s)");
        assertThat(anthropic.received()).hasSize(3);
    }

    @Test
    void invalidOutputOnOneProviderHandsOverToTheNext() {
        for (int i = 0; i < 3; i++) {
            anthropic.then(anthropicMessage("not json at all", 100, 10));
        }
        openai.then(openAiCompletion(VALID_DOCUMENT, 200, 50));

        StructuredResult result = gateway(anthropicThenOpenAi()).structured(outline());

        assertThat(result.generatedBy().provider()).isEqualTo("openai");
        assertThat(result.repairs()).isEqualTo(2);
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(result.usage()).isEqualTo(new TokenUsage(500, 80));
        assertThat(result.estimatedCost()).isEqualByComparingTo(new BigDecimal("0.001410"));
    }

    @Test
    void aDocumentInMarkdownFencesNeedsNoRepair() {
        anthropic.then(anthropicMessage("```json\n" + VALID_DOCUMENT + "\n```", 300, 60));

        StructuredResult result = gateway(anthropicThenOpenAi()).structured(outline());

        assertThat(result.repairs()).isZero();
        assertThat(result.json().path("title").asString()).isEqualTo("Onboarding");
    }
}
