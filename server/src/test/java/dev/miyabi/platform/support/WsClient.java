package dev.miyabi.platform.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A WebSocket client as an application would write it: JDK {@link WebSocket}, JSON envelopes. */
public final class WsClient implements AutoCloseable {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Closed(int code, String reason) {}

    private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(URI uri, Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    public static WsClient connect(int port) {
        return new WsClient(URI.create("ws://127.0.0.1:" + port + "/ws"), Map.of());
    }

    public static WsClient connect(int port, String query, Map<String, String> headers) {
        return new WsClient(URI.create("ws://127.0.0.1:" + port + "/ws" + query), headers);
    }

    /** Connects and authenticates with the first message; fails unless the server answers auth_success. */
    public static WsClient authenticated(int port, String token) {
        WsClient client = connect(port);
        client.send("auth", Map.of("token", token));
        JsonNode answer = client.next();
        if (!answer.path("type").asString().equals("auth_success")) {
            throw new AssertionError("expected auth_success, got " + answer);
        }
        return client;
    }

    /** Sends {@code {type, id, ts, payload}} and returns the message id. */
    public String send(String type, Object payload) {
        String id = UUID.randomUUID().toString();
        sendRaw(JSON.writeValueAsString(
                Map.of("type", type, "id", id, "ts", java.time.Instant.now().toString(), "payload", payload)));
        return id;
    }

    public void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    /** Subscribes and returns the {@code subscribed} answer (errors before it are left in the queue order). */
    public JsonNode subscribe(List<String> topics, @Nullable Long lastEventId) {
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("topics", topics);
        if (lastEventId != null) {
            payload.put("lastEventId", lastEventId);
        }
        send("subscribe", payload);
        return nextOfType("subscribed");
    }

    public JsonNode next() {
        return next(Duration.ofSeconds(10));
    }

    public JsonNode next(Duration timeout) {
        try {
            JsonNode message = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError(
                        "no message within " + timeout + (closed.isDone() ? "; closed " + closed.join() : ""));
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message of this type, skipping heartbeats only. */
    public JsonNode nextOfType(String type) {
        while (true) {
            JsonNode message = next();
            String actual = message.path("type").asString();
            if (actual.equals(type)) {
                return message;
            }
            if (!actual.equals("heartbeat")) {
                throw new AssertionError("expected " + type + ", got " + message);
            }
        }
    }

    /** The next event message (anything but heartbeats). */
    public JsonNode nextEvent() {
        while (true) {
            JsonNode message = next();
            if (!message.path("type").asString().equals("heartbeat")) {
                return message;
            }
        }
    }

    /** Events up to and including the one whose resourceId is {@code marker}. */
    public List<JsonNode> eventsUntil(String marker) {
        List<JsonNode> events = new ArrayList<>();
        while (true) {
            JsonNode event = nextEvent();
            events.add(event);
            if (event.path("payload").path("resourceId").asString().equals(marker)) {
                return events;
            }
        }
    }

    /** Every message (heartbeats excluded) that arrives until none has arrived for {@code quiet}. */
    public List<JsonNode> drain(Duration quiet) {
        List<JsonNode> messages = new ArrayList<>();
        try {
            JsonNode message;
            while ((message = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                if (!message.path("type").asString().equals("heartbeat")) {
                    messages.add(message);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return messages;
    }

    public Closed awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("not closed within " + timeout, e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
