package dev.miyabi.cli.api;

import dev.miyabi.cli.CliException;
import dev.miyabi.cli.ExitCodes;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A live connection to {@code /ws} that stays live: it authenticates with the session's access
 * token (and again before that token expires), subscribes to its topics, and after any loss —
 * a server restart, a network break, 60 s of silence — reconnects with backoff (0.5 s doubling to
 * 5 s, with jitter) and resubscribes with the last event id it saw, so the server replays what
 * was missed. Events are delivered in order, each once, on one thread.
 */
public final class Realtime implements AutoCloseable {

    /** Connection states, for a status line. */
    public enum Status {
        CONNECTING,
        ONLINE,
        RECONNECTING,
        CLOSED
    }

    /** Receives the stream; all calls come from one thread. */
    public interface Listener {
        void onEvent(String type, JsonNode payload);

        /** The connection changed; {@code detail} says why when it went down. */
        default void onStatus(Status status, String detail) {}

        /**
         * Subscribed: after a reconnect the missed events follow; with {@code resync} the server
         * could not replay them and the resources must be read again.
         */
        default void onSubscribed(boolean resync) {}

        /** A terminal failure: the session ended or the user may not see the topic. */
        default void onFailure(CliException failure) {}
    }

    private static final JsonMapper JSON = Json.MAPPER;
    private static final Duration PING_INTERVAL = Duration.ofSeconds(20);
    private static final Duration SILENCE_LIMIT = Duration.ofSeconds(60);
    private static final Duration REAUTH_MARGIN = Duration.ofSeconds(60);
    private static final long MIN_BACKOFF_MS = 500;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final MiyabiClient client;
    private final List<String> topics;
    private final Listener listener;
    private final ScheduledExecutorService loop;

    // Touched only on the loop thread.
    private WebSocket socket;
    private int generation;
    private long lastEventId;
    private int failures;
    private Instant lastHeard = Instant.now();
    private ScheduledFuture<?> reauth;
    private boolean closed;
    private Status status = Status.CLOSED;

    public Realtime(MiyabiClient client, List<String> topics, Listener listener) {
        this.client = client;
        this.topics = List.copyOf(topics);
        this.listener = listener;
        this.loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "miyabi-realtime");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Connects (asynchronously) and keeps the connection up until {@link #close()}. */
    public Realtime start(long resumeAfterEventId) {
        loop.execute(() -> {
            lastEventId = resumeAfterEventId;
            connect();
        });
        loop.scheduleWithFixedDelay(
                this::keepAlive, PING_INTERVAL.toMillis(), PING_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The id of the last event received (what a reconnect resumes after). */
    public long lastEventId() {
        return lastEventId;
    }

    @Override
    public void close() {
        if (loop.isShutdown()) {
            return;
        }
        loop.execute(() -> {
            closed = true;
            if (socket != null) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
                socket.abort();
            }
            setStatus(Status.CLOSED, null);
        });
        loop.shutdown();
        try {
            loop.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        int attempt = ++generation;
        setStatus(status == Status.CLOSED ? Status.CONNECTING : Status.RECONNECTING, null);
        URI uri = URI.create(client.baseUrl().replaceFirst("^http", "ws") + "/ws");
        client.http()
                .newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new Frames(attempt))
                .whenComplete((webSocket, error) -> loop.execute(() -> {
                    if (attempt != generation) {
                        if (webSocket != null) {
                            webSocket.abort();
                        }
                    } else if (error != null) {
                        lost("cannot connect");
                    } else {
                        socket = webSocket;
                        lastHeard = Instant.now();
                        authenticate();
                    }
                }));
    }

    private void authenticate() {
        Session session;
        try {
            session = client.freshSession(REAUTH_MARGIN.plusSeconds(5));
        } catch (CliException e) {
            if (e.exitCode() == ExitCodes.UNREACHABLE) {
                lost("cannot refresh the session");
            } else {
                fail(e);
            }
            return;
        }
        send("auth", Map.of("token", session.accessToken()));
        if (reauth != null) {
            reauth.cancel(false);
        }
        // Re-authenticate on the open socket before the token expires (the server would close it).
        long delay = Math.max(
                1_000,
                Duration.between(Instant.now(), session.accessTokenExpiresAt())
                        .minus(REAUTH_MARGIN)
                        .toMillis());
        int attempt = generation;
        reauth = loop.schedule(
                () -> {
                    if (attempt == generation && socket != null) {
                        authenticate();
                    }
                },
                delay,
                TimeUnit.MILLISECONDS);
    }

    private void onMessage(int attempt, String text) {
        if (attempt != generation || closed) {
            return;
        }
        lastHeard = Instant.now();
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (tools.jackson.core.JacksonException e) {
            return;
        }
        String type = message.path("type").asString("");
        JsonNode payload = message.path("payload");
        switch (type) {
            case "auth_success" -> {
                if (status != Status.ONLINE) {
                    ObjectNode subscribe = JSON.createObjectNode();
                    subscribe.set("topics", JSON.valueToTree(topics));
                    if (lastEventId > 0) {
                        subscribe.put("lastEventId", lastEventId);
                    }
                    send("subscribe", subscribe);
                }
            }
            case "subscribed" -> {
                failures = 0;
                setStatus(Status.ONLINE, null);
                listener.onSubscribed(payload.path("resync").asBoolean(false));
            }
            case "error" -> onError(payload);
            case "pong", "heartbeat", "unsubscribed" -> {}
            default -> {
                long eventId = payload.path("eventId").asLong(0);
                if ("state.updated".equals(type)) {
                    // Its id is the state's version, not a log position: never a replay point.
                    listener.onEvent(type, payload);
                } else if (eventId > lastEventId) {
                    lastEventId = eventId;
                    listener.onEvent(type, payload);
                }
            }
        }
    }

    private void onError(JsonNode payload) {
        String code = payload.path("code").asString("");
        String message = payload.path("message").asString(code);
        switch (code) {
            case "not_found" ->
                fail(CliException.notFound("Not found: " + payload.path("topic").asString(message)));
            case "unauthorized" -> {
                // The server closes with 4401 next; the close handler refreshes and reconnects.
            }
            case "validation_failed" -> fail(new CliException(ExitCodes.REFUSED, "Refused: " + message));
            default -> {}
        }
    }

    private void onClosed(int attempt, int code, String reason) {
        if (attempt != generation || closed) {
            return;
        }
        socket = null;
        if (code == 4401) {
            try {
                client.refreshNow();
            } catch (CliException e) {
                if (e.exitCode() != ExitCodes.UNREACHABLE) {
                    fail(e);
                    return;
                }
            }
        }
        lost(reason == null || reason.isBlank() ? "closed (" + code + ")" : reason);
    }

    private void lost(String why) {
        if (closed) {
            return;
        }
        socket = null;
        generation++;
        setStatus(Status.RECONNECTING, why);
        long backoff = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS << Math.min(failures++, 4));
        long jittered = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        loop.schedule(this::connect, jittered, TimeUnit.MILLISECONDS);
    }

    private void fail(CliException failure) {
        closed = true;
        if (socket != null) {
            socket.abort();
        }
        setStatus(Status.CLOSED, failure.getMessage());
        listener.onFailure(failure);
    }

    private void keepAlive() {
        if (socket == null || closed) {
            return;
        }
        if (Duration.between(lastHeard, Instant.now()).compareTo(SILENCE_LIMIT) > 0) {
            socket.abort();
            lost("no answer for 60 s");
        } else {
            send("ping", Map.of());
        }
    }

    private void send(String type, Object payload) {
        if (socket == null) {
            return;
        }
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("type", type);
        envelope.put("id", UUID.randomUUID().toString());
        envelope.set("payload", JSON.valueToTree(payload));
        socket.sendText(envelope.toString(), true);
    }

    private void setStatus(Status next, String detail) {
        if (next != status || detail != null) {
            status = next;
            listener.onStatus(next, detail);
        }
    }

    /** The JDK's callbacks, handed over to the loop thread. */
    private final class Frames implements WebSocket.Listener {

        private final int attempt;
        private final StringBuilder text = new StringBuilder();

        Frames(int attempt) {
            this.attempt = attempt;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                loop.execute(() -> onMessage(attempt, message));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            loop.execute(() -> onClosed(attempt, statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            loop.execute(() -> {
                if (attempt == generation) {
                    lost("connection lost");
                }
            });
        }
    }
}
