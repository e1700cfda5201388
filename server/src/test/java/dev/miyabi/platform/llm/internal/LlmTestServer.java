package dev.miyabi.platform.llm.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import tools.jackson.databind.node.ArrayNode;
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

    static MockResponse anthropicStream(List<String> deltas, int inputTokens, int outputTokens) {
        StringBuilder sse = new StringBuilder();
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        ObjectNode message = start.putObject("message")
                .put("id", "msg_stream")
                .put("type", "message")
                .put("role", "assistant")
                .put("model", "claude-sonnet-4-5-20250929");
        message.putArray("content");
        message.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", 1);
        event(sse, "message_start", start);
        event(
                sse,
                "content_block_start",
                JSON.readTree(
                        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        event(sse, "ping", JSON.readTree("{\"type\":\"ping\"}"));
        for (String delta : deltas) {
            ObjectNode data =
                    JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
            data.putObject("delta").put("type", "text_delta").put("text", delta);
            event(sse, "content_block_delta", data);
        }
        event(sse, "content_block_stop", JSON.readTree("{\"type\":\"content_block_stop\",\"index\":0}"));
        ObjectNode end = JSON.createObjectNode().put("type", "message_delta");
        end.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
        end.putObject("usage").put("output_tokens", outputTokens);
        event(sse, "message_delta", end);
        event(sse, "message_stop", JSON.readTree("{\"type\":\"message_stop\"}"));
        return sse(sse.toString());
    }

    /** A stream that sends {@code deltas}, then an error event (as Anthropic does when overloaded). */
    static MockResponse anthropicStreamBreaking(List<String> deltas) {
        StringBuilder sse = new StringBuilder();
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        ObjectNode message = start.putObject("message").put("id", "msg_broken").put("model", "claude-sonnet-4-5");
        message.putObject("usage").put("input_tokens", 10).put("output_tokens", 1);
        event(sse, "message_start", start);
        event(
                sse,
                "content_block_start",
                JSON.readTree(
                        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        for (String delta : deltas) {
            ObjectNode data =
                    JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
            data.putObject("delta").put("type", "text_delta").put("text", delta);
            event(sse, "content_block_delta", data);
        }
        event(
                sse,
                "error",
                JSON.readTree(
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        return sse(sse.toString());
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

    static MockResponse openAiStream(List<String> deltas, int promptTokens, int completionTokens) {
        StringBuilder sse = new StringBuilder();
        data(sse, chunk(Map.of("role", "assistant", "content", ""), null));
        for (String delta : deltas) {
            data(sse, chunk(Map.of("content", delta), null));
        }
        data(sse, chunk(Map.of(), "stop"));
        ObjectNode usage = JSON.createObjectNode()
                .put("id", "chatcmpl-stream")
                .put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000)
                .put("model", "gpt-4o-mini-2024-07-18");
        usage.putArray("choices");
        usage.putObject("usage")
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        data(sse, usage.toString());
        sse.append("data: [DONE]\n\n");
        return sse(sse.toString());
    }

    private static String chunk(Map<String, String> delta, String finishReason) {
        ObjectNode body = JSON.createObjectNode()
                .put("id", "chatcmpl-stream")
                .put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000)
                .put("model", "gpt-4o-mini-2024-07-18");
        ArrayNode choices = body.putArray("choices");
        ObjectNode choice = choices.addObject().put("index", 0);
        ObjectNode d = choice.putObject("delta");
        delta.forEach(d::put);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return body.toString();
    }

    private static MockResponse sse(String body) {
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/event-stream")
                .setHeader("Cache-Control", "no-cache")
                .body(body)
                .build();
    }

    /** The same stream, trickled out slowly so the client sees it arrive piece by piece. */
    static MockResponse trickled(MockResponse stream, int bytesPerPeriod, Duration period) {
        return stream.newBuilder()
                .throttleBody(bytesPerPeriod, period.toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    private static void event(StringBuilder sse, String name, JsonNode data) {
        sse.append("event: ")
                .append(name)
                .append('\n')
                .append("data: ")
                .append(data)
                .append("\n\n");
    }

    private static void data(StringBuilder sse, String data) {
        sse.append("data: ").append(data).append("\n\n");
    }
}
