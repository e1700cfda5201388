package dev.miyabi.platform.llm.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local server speaking the Anthropic Messages API or the OpenAI Chat Completions API wire
 * format: it answers scripted responses in order and records each request with the moment it
 * arrived, so tests can measure the waits between attempts.
 */
final class LlmTestServer implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A request as the server saw it. */
    record Received(long atNanos, String method, String path, Headers headers, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final ConcurrentLinkedQueue<MockResponse> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    LlmTestServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                received.add(new Received(
                        System.nanoTime(),
                        request.getMethod(),
                        request.getUrl().encodedPath(),
                        request.getHeaders(),
                        request.getBody() == null ? "" : request.getBody().utf8()));
                MockResponse next = script.poll();
                return next != null
                        ? next
                        : new MockResponse(418, Headers.of(), "{\"error\": \"no scripted response left\"}");
            }
        });
        server.start();
    }

    /** The API root to configure as the provider's base URL. */
    String baseUrl() {
        return server.url("/v1").toString();
    }

    LlmTestServer then(MockResponse response) {
        script.add(response);
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received request(int index) {
        return received.get(index);
    }

    /** Milliseconds between the arrival of request {@code index - 1} and request {@code index}. */
    long gapMillis(int index) {
        return TimeUnit.NANOSECONDS.toMillis(
                received.get(index).atNanos() - received.get(index - 1).atNanos());
    }

    @Override
    public void close() {
        server.close();
    }

    // ---- responses ----------------------------------------------------------------------------

    static MockResponse status(int code, String body, String... headers) {
        Headers.Builder all = new Headers.Builder().add("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            all.add(headers[i], headers[i + 1]);
        }
        return new MockResponse(code, all.build(), body);
    }

    static MockResponse delayed(MockResponse response, Duration delay) {
        return response.newBuilder()
                .headersDelay(delay.toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    static MockResponse anthropicMessage(String text, int inputTokens, int outputTokens) {
        ObjectNode body = JSON.createObjectNode()
                .put("id", "msg_test")
                .put("type", "message")
                .put("role", "assistant")
                .put("model", "claude-sonnet-4-5-20250929")
                .put("stop_reason", "end_turn");
        body.putArray("content").addObject().put("type", "text").put("text", text);
        body.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", outputTokens);
        return status(200, body.toString());
    }

    static MockResponse anthropicError(int code, String type, String message, String... headers) {
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return status(code, body.toString(), headers);
    }

    static MockResponse openAiCompletion(String text, int promptTokens, int completionTokens) {
        ObjectNode body = JSON.createObjectNode()
                .put("id", "chatcmpl-test")
                .put("object", "chat.completion")
                .put("created", 1_700_000_000)
                .put("model", "gpt-4o-mini-2024-07-18");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text);
        body.putObject("usage")
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return status(200, body.toString());
    }
}
