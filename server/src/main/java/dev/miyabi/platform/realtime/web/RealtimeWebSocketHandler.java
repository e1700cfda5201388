package dev.miyabi.platform.realtime.web;

import dev.miyabi.platform.identity.AccessTokens;
import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.realtime.ClientEvent;
import dev.miyabi.platform.realtime.ClientEventSubscriber;
import dev.miyabi.platform.realtime.ResourceVisibility;
import dev.miyabi.platform.realtime.internal.EventDispatcher;
import dev.miyabi.platform.realtime.internal.LoggedEvents;
import dev.miyabi.platform.realtime.internal.RealtimeProperties;
import dev.miyabi.platform.shared.ErrorCodes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code /ws} protocol of API.md: authentication (first message or {@code ?access_token=}),
 * subscriptions with replay after {@code lastEventId}, live events filtered per user, ping/pong,
 * heartbeats, and the close codes. It is an in-process {@link ClientEventSubscriber}: the
 * dispatcher hands it every event, and it queues each one on the connections that subscribed to it
 * and may see it — without ever waiting for a client.
 */
@Component
class RealtimeWebSocketHandler extends TextWebSocketHandler implements ClientEventSubscriber, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RealtimeWebSocketHandler.class);
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final AccessTokens accessTokens;
    private final JsonMapper json;
    private final LoggedEvents events;
    private final EventDispatcher dispatcher;
    private final RealtimeProperties properties;
    private final Map<String, ResourceVisibility> visibilities;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Counter delivered;

    private final Map<String, ClientConnection> connections = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("realtime-ws-timer").daemon().factory());
    private volatile boolean running;

    RealtimeWebSocketHandler(
            AccessTokens accessTokens,
            JsonMapper json,
            LoggedEvents events,
            EventDispatcher dispatcher,
            RealtimeProperties properties,
            List<ResourceVisibility> visibilities,
            Clock clock,
            MeterRegistry meters) {
        this.accessTokens = accessTokens;
        this.json = json;
        this.events = events;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.visibilities = visibilities.stream()
                .collect(Collectors.toUnmodifiableMap(ResourceVisibility::resourceType, Function.identity()));
        this.clock = clock;
        this.meters = meters;
        this.delivered = Counter.builder("miyabi.realtime.messages.queued")
                .description("Event messages queued to WebSocket clients")
                .register(meters);
        Gauge.builder("miyabi.realtime.connections", connections, Map::size)
                .description("Open /ws connections on this instance")
                .register(meters);
    }

    // --- connection lifecycle ----------------------------------------------------------------------

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        session.setTextMessageSizeLimit((int) properties.maxMessageSize().toBytes());
        if (session instanceof StandardWebSocketSession standard) {
            jakarta.websocket.Session nativeSession = standard.getNativeSession(jakarta.websocket.Session.class);
            if (nativeSession != null) {
                nativeSession
                        .getUserProperties()
                        .put(
                                TOMCAT_BLOCKING_SEND_TIMEOUT,
                                properties.sendTimeout().toMillis());
            }
        }
        ClientConnection connection = new ClientConnection(
                session,
                properties.sendQueueCapacity(),
                properties.sendBufferLimit().toBytes(),
                properties.sendTimeout(),
                properties.replayLimit() + properties.sendQueueCapacity(),
                reason -> meters.counter("miyabi.realtime.disconnects", "reason", reason)
                        .increment());
        connections.put(session.getId(), connection);
        connection.start();
        connection.setAuthDeadline(timer.schedule(
                () -> authDeadlinePassed(connection), properties.authTimeout().toMillis(), TimeUnit.MILLISECONDS));
        String token = queryToken(session.getUri());
        if (token != null) {
            authenticate(connection, token, null);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        ClientConnection connection = connections.remove(session.getId());
        if (connection != null) {
            connection.dispose();
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("WebSocket {} transport error: {}", session.getId(), exception.getMessage());
    }

    // --- client messages ---------------------------------------------------------------------------

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        ClientConnection connection = connections.get(session.getId());
        if (connection == null || connection.isClosing()) {
            return;
        }
        JsonNode envelope;
        try {
            envelope = json.readTree(message.getPayload());
        } catch (JacksonException e) {
            connection.send(error(null, ErrorCodes.MALFORMED_REQUEST, "The message is not valid JSON", null));
            return;
        }
        if (!(envelope instanceof ObjectNode)) {
            connection.send(error(
                    null, ErrorCodes.MALFORMED_REQUEST, "A message is a JSON object {type, id, ts, payload}", null));
            return;
        }
        String id = envelope.path("id").isString() ? envelope.path("id").asString() : null;
        String type = envelope.path("type").isString() ? envelope.path("type").asString() : "";
        JsonNode payload = envelope.path("payload");
        switch (type) {
            case "auth" ->
                authenticate(
                        connection,
                        payload.path("token").isString() ? payload.path("token").asString() : null,
                        id);
            case "ping" -> connection.send(message("pong", id, json.createObjectNode()));
            case "subscribe", "unsubscribe" -> {
                if (!connection.isAuthenticated()) {
                    connection.send(
                            error(id, ErrorCodes.UNAUTHORIZED, "Authenticate with an auth message first", null));
                    connection.closeAfterPending(RealtimeCloseStatus.UNAUTHORIZED);
                } else if (type.equals("subscribe")) {
                    subscribe(connection, payload, id);
                } else {
                    unsubscribe(connection, payload, id);
                }
            }
            default ->
                connection.send(error(
                        id,
                        ErrorCodes.VALIDATION_FAILED,
                        "Unknown message type; expected auth, subscribe, unsubscribe or ping",
                        null));
        }
    }

    private void authenticate(ClientConnection connection, @Nullable String token, @Nullable String messageId) {
        if (token == null || token.isBlank()) {
            rejectToken(connection, messageId, "An access token is required");
            return;
        }
        Optional<AccessTokens.VerifiedAccess> verified = accessTokens.verify(token);
        if (verified.isEmpty()) {
            rejectToken(connection, messageId, "The access token is invalid or expired");
            return;
        }
        CurrentUser user = verified.get().user();
        Instant expiresAt = verified.get().expiresAt();
        CurrentUser previous = connection.user();
        if (previous != null && !previous.id().equals(user.id())) {
            connection.send(error(
                    messageId,
                    ErrorCodes.INVALID_STATE,
                    "This connection is signed in as another user; open a new one",
                    null));
            return;
        }
        connection.authenticated(user, expiresAt);
        connection.cancelAuthDeadline();
        scheduleExpiry(connection, expiresAt);
        ObjectNode payload = json.createObjectNode();
        payload.put("userId", user.id().toString());
        payload.set(
                "roles",
                json.valueToTree(user.roles().stream().map(Role::value).sorted().toList()));
        payload.put("expiresAt", expiresAt.toString());
        connection.send(message("auth_success", messageId, payload));
    }

    private void rejectToken(ClientConnection connection, @Nullable String messageId, String detail) {
        connection.send(error(messageId, ErrorCodes.UNAUTHORIZED, detail, null));
        connection.closeAfterPending(RealtimeCloseStatus.UNAUTHORIZED);
    }

    private void subscribe(ClientConnection connection, JsonNode payload, @Nullable String messageId) {
        CurrentUser user = connection.user();
        JsonNode names = payload.path("topics");
        JsonNode last = payload.path("lastEventId");
        if (!names.isArray() || names.isEmpty()) {
            connection.send(error(messageId, ErrorCodes.VALIDATION_FAILED, "topics must be a non-empty array", null));
            return;
        }
        if (!last.isMissingNode() && !last.isNull() && !(last.isIntegralNumber() && last.asLong() >= 0)) {
            connection.send(
                    error(messageId, ErrorCodes.VALIDATION_FAILED, "lastEventId must be a non-negative integer", null));
            return;
        }
        Long lastEventId = last.isIntegralNumber() ? last.asLong() : null;
        List<Topic> requested = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (JsonNode name : names) {
            Optional<Topic> topic = name.isString() ? Topic.parse(name.asString()) : Optional.empty();
            topic.ifPresentOrElse(requested::add, () -> unknown.add(name.toString()));
        }
        if (!unknown.isEmpty()) {
            connection.send(error(
                    messageId,
                    ErrorCodes.VALIDATION_FAILED,
                    "Unknown topics " + unknown + "; expected " + String.join(", ", Topic.CATEGORIES.keySet())
                            + ", order:<id>, job:<id>, payment:<id> or approval:<id>",
                    null));
            return;
        }
        Set<String> total = new HashSet<>(connection.topics().keySet());
        requested.forEach(topic -> total.add(topic.name()));
        if (total.size() > properties.maxTopics()) {
            connection.send(error(
                    messageId,
                    ErrorCodes.VALIDATION_FAILED,
                    "At most " + properties.maxTopics() + " topics per connection",
                    null));
            return;
        }
        List<Topic> accepted = new ArrayList<>();
        for (Topic topic : new LinkedHashSet<>(requested)) {
            if (topic.isResource() && !mayWatch(user, topic)) {
                connection.send(error(
                        messageId,
                        ErrorCodes.NOT_FOUND,
                        "No " + topic.resourceType() + " " + topic.resourceId() + " that you may see",
                        topic.name()));
            } else {
                accepted.add(topic);
            }
        }
        List<Topic> added = accepted.stream()
                .filter(topic -> !connection.topics().containsKey(topic.name()))
                .toList();
        boolean replay = lastEventId != null && !added.isEmpty();
        connection.subscribe(accepted, lastEventId == null ? 0 : lastEventId, replay);
        if (!replay) {
            connection.send(subscribed(messageId, accepted, false));
            return;
        }
        long upTo = dispatcher.position();
        List<ClientEvent> missed = List.of();
        boolean resync = false;
        if (lastEventId < upTo) {
            missed = events
                    .replay(
                            lastEventId,
                            upTo,
                            user,
                            added.stream()
                                    .map(Topic::likePattern)
                                    .filter(p -> p != null)
                                    .toList(),
                            added.stream()
                                    .filter(Topic::isResource)
                                    .map(Topic::name)
                                    .toList(),
                            properties.replayLimit() + 1)
                    .stream()
                    .filter(event -> event.isVisibleTo(user) && added.stream().anyMatch(topic -> topic.matches(event)))
                    .toList();
            Optional<Long> oldest = events.oldestId();
            resync = missed.size() > properties.replayLimit() || oldest.isEmpty() || oldest.get() > lastEventId + 1;
            if (resync) {
                missed = List.of();
            }
        }
        if (!connection.send(subscribed(messageId, accepted, resync))) {
            return;
        }
        Set<Long> replayed = new HashSet<>();
        for (ClientEvent event : missed) {
            if (!connection.send(render(event))) {
                return;
            }
            replayed.add(event.id());
        }
        if (!connection.endReplay(replayed, this::render)) {
            connection.closeNow(RealtimeCloseStatus.SLOW_CONSUMER);
        }
    }

    private void unsubscribe(ClientConnection connection, JsonNode payload, @Nullable String messageId) {
        JsonNode names = payload.path("topics");
        if (!names.isArray()) {
            connection.send(error(messageId, ErrorCodes.VALIDATION_FAILED, "topics must be an array", null));
            return;
        }
        List<String> requested = new ArrayList<>();
        names.forEach(name -> {
            if (name.isString()) {
                requested.add(name.asString());
            }
        });
        List<String> removed = connection.unsubscribe(requested);
        ObjectNode answer = json.createObjectNode();
        answer.set("topics", json.valueToTree(removed));
        connection.send(message("unsubscribed", messageId, answer));
    }

    private boolean mayWatch(@Nullable CurrentUser user, Topic topic) {
        if (user == null) {
            return false;
        }
        if (user.isAdmin()) {
            return true;
        }
        ResourceVisibility visibility = visibilities.get(topic.resourceType());
        return visibility != null
                ? visibility.isVisible(user, topic.resourceId())
                : events.anyVisible(topic.resourceType(), topic.resourceId(), user);
    }

    /** Open sockets on this instance, authenticated or not. */
    long connectionCount() {
        return connections.size();
    }

    /** Distinct users among this instance's authenticated sockets. */
    long userCount() {
        return connections.values().stream()
                .map(ClientConnection::user)
                .filter(Objects::nonNull)
                .map(CurrentUser::id)
                .distinct()
                .count();
    }

    // --- events from the dispatcher ------------------------------------------------------------------

    @Override
    public void onClientEvent(ClientEvent event) {
        Supplier<String> text = new Supplier<>() {
            private @Nullable String rendered;

            @Override
            public String get() {
                String text = rendered;
                if (text == null) {
                    text = render(event);
                    rendered = text;
                }
                delivered.increment();
                return text;
            }
        };
        for (ClientConnection connection : connections.values()) {
            if (!connection.deliver(event, text)) {
                connection.closeNow(RealtimeCloseStatus.SLOW_CONSUMER);
            }
        }
    }

    private void heartbeat() {
        String text = message("heartbeat", null, json.createObjectNode());
        for (ClientConnection connection : connections.values()) {
            if (connection.isAuthenticated() && !connection.isClosing() && !connection.offer(text)) {
                connection.closeNow(RealtimeCloseStatus.SLOW_CONSUMER);
            }
        }
    }

    private void authDeadlinePassed(ClientConnection connection) {
        if (!connection.isAuthenticated() && !connection.isClosing()) {
            connection.offer(error(
                    null,
                    "auth_timeout",
                    "No valid auth message within " + properties.authTimeout().toSeconds() + " s",
                    null));
            connection.closeAfterPending(RealtimeCloseStatus.AUTH_TIMEOUT);
        }
    }

    /** Closes the socket at the token's expiry; a later auth message replaces this timer. */
    private void scheduleExpiry(ClientConnection connection, Instant expiresAt) {
        long millis = Math.max(0, Duration.between(clock.instant(), expiresAt).toMillis() + 1);
        connection.setExpiry(timer.schedule(() -> tokenExpired(connection), millis, TimeUnit.MILLISECONDS));
    }

    private void tokenExpired(ClientConnection connection) {
        Instant expiresAt = connection.expiresAt();
        if (expiresAt != null && expiresAt.isAfter(clock.instant())) {
            scheduleExpiry(connection, expiresAt); // the timer fired a little early
            return;
        }
        connection.offer(error(null, ErrorCodes.UNAUTHORIZED, "The access token expired", null));
        connection.closeAfterPending(RealtimeCloseStatus.TOKEN_EXPIRED);
    }

    // --- messages ----------------------------------------------------------------------------------

    /** {@code {type, id, ts, payload}} of an event; its {@code id} is the event id. */
    String render(ClientEvent event) {
        ObjectNode payload = json.createObjectNode();
        payload.put("eventId", event.id());
        payload.put("resourceType", event.resourceType());
        payload.put("resourceId", event.resourceId());
        for (Map.Entry<String, JsonNode> field : event.payload().properties()) {
            if (!payload.has(field.getKey())) {
                payload.set(field.getKey(), field.getValue());
            }
        }
        ObjectNode envelope = json.createObjectNode();
        envelope.put("type", event.type());
        envelope.put(
                "id",
                event.persistent()
                        ? Long.toString(event.id())
                        : UUID.randomUUID().toString());
        envelope.put("ts", event.createdAt().toString());
        envelope.set("payload", payload);
        return json.writeValueAsString(envelope);
    }

    /** A server message; answers carry the id of the client message they answer. */
    private String message(String type, @Nullable String replyTo, ObjectNode payload) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("type", type);
        envelope.put("id", replyTo != null ? replyTo : UUID.randomUUID().toString());
        envelope.put("ts", clock.instant().toString());
        envelope.set("payload", payload);
        return json.writeValueAsString(envelope);
    }

    private String error(@Nullable String replyTo, String code, String detail, @Nullable String topic) {
        ObjectNode payload = json.createObjectNode();
        payload.put("code", code);
        payload.put("message", detail);
        if (topic != null) {
            payload.put("topic", topic);
        }
        return message("error", replyTo, payload);
    }

    private String subscribed(@Nullable String replyTo, List<Topic> topics, boolean resync) {
        ObjectNode payload = json.createObjectNode();
        payload.set("topics", json.valueToTree(topics.stream().map(Topic::name).toList()));
        payload.put("resync", resync);
        return message("subscribed", replyTo, payload);
    }

    private static @Nullable String queryToken(@Nullable URI uri) {
        if (uri == null || uri.getRawQuery() == null) {
            return null;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals("access_token")) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    // --- lifecycle ---------------------------------------------------------------------------------

    @Override
    public void start() {
        long period = properties.heartbeatInterval().toMillis();
        timer.scheduleAtFixedRate(
                () -> {
                    try {
                        heartbeat();
                    } catch (RuntimeException e) {
                        log.error("Sending heartbeats failed", e);
                    }
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Closes every connection with 1001 before the web server stops. */
    @Override
    public void stop() {
        running = false;
        connections.values().forEach(connection -> connection.closeAfterPending(RealtimeCloseStatus.SHUTDOWN));
        timer.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
