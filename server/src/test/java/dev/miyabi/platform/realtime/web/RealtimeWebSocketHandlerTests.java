package dev.miyabi.platform.realtime.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.identity.AccessTokens;
import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.realtime.internal.EventDispatcher;
import dev.miyabi.platform.realtime.internal.LoggedEvents;
import dev.miyabi.platform.realtime.internal.RealtimeProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The protocol timers with short settings, on the handler alone: the authentication deadline and
 * the heartbeat period are configuration, not constants (the full-stack tests use the real 10 s
 * deadline once).
 */
class RealtimeWebSocketHandlerTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RealtimeWebSocketHandler handler = new RealtimeWebSocketHandler(
            token -> token.equals("good")
                    ? Optional.of(new AccessTokens.VerifiedAccess(
                            new CurrentUser(
                                    UUID.fromString("7d1f2c3e-0000-4000-8000-000000000001"), "", Set.of(Role.CUSTOMER)),
                            Instant.now().plusSeconds(600)))
                    : Optional.empty(),
            JSON,
            new LoggedEvents(JdbcClient.create(new SimpleDriverDataSource()), JSON),
            new EventDispatcher(List.of()),
            properties(Duration.ofSeconds(1), Duration.ofMillis(200)),
            List.of(),
            Clock.systemUTC(),
            new SimpleMeterRegistry());

    @AfterEach
    void stop() {
        handler.stop();
    }

    @Test
    void closesWith4408WhenTheConfiguredDeadlinePassesWithoutAuthentication() throws Exception {
        StubSession session = new StubSession();
        handler.afterConnectionEstablished(session);

        await().atMost(Duration.ofSeconds(3)).until(() -> session.closedWith != null);
        assertThat(session.closedWith.getCode()).isEqualTo(4408);
        assertThat(session.sent).hasSize(1);
        assertThat(session.sent.getFirst().path("payload").path("code").asString())
                .isEqualTo("auth_timeout");
    }

    @Test
    void sendsHeartbeatsAtTheConfiguredPeriodOnceAuthenticated() throws Exception {
        handler.start();
        StubSession session = new StubSession();
        handler.afterConnectionEstablished(session);
        handler.handleMessage(session, new TextMessage("{\"type\":\"auth\",\"payload\":{\"token\":\"good\"}}"));

        await().atMost(Duration.ofSeconds(3))
                .until(() -> session.sent.stream()
                                .filter(m -> m.path("type").asString().equals("heartbeat"))
                                .count()
                        >= 3);
        assertThat(session.sent.getFirst().path("type").asString()).isEqualTo("auth_success");
        assertThat(session.closedWith).as("authenticated in time: no 4408").isNull();
    }

    @Test
    void aBadTokenClosesWith4401() throws Exception {
        StubSession session = new StubSession();
        handler.afterConnectionEstablished(session);
        handler.handleMessage(session, new TextMessage("{\"type\":\"auth\",\"payload\":{\"token\":\"forged\"}}"));

        await().atMost(Duration.ofSeconds(3)).until(() -> session.closedWith != null);
        assertThat(session.closedWith.getCode()).isEqualTo(4401);
        assertThat(session.sent.getFirst().path("payload").path("code").asString())
                .isEqualTo("unauthorized");
    }

    private static RealtimeProperties properties(Duration authTimeout, Duration heartbeat) {
        RealtimeProperties d = RealtimeProperties.defaults();
        return new RealtimeProperties(
                d.retention(),
                d.pruneInterval(),
                d.pollInterval(),
                d.reconnectDelay(),
                d.batchSize(),
                authTimeout,
                heartbeat,
                d.sendQueueCapacity(),
                DataSize.ofMegabytes(1),
                d.sendTimeout(),
                d.replayLimit(),
                d.maxTopics(),
                d.maxMessageSize(),
                d.presenceInterval());
    }

    /** A session that records what the handler sends and how it closes. */
    private static final class StubSession implements WebSocketSession {
        final List<JsonNode> sent = new CopyOnWriteArrayList<>();
        volatile @Nullable CloseStatus closedWith;
        private final Map<String, Object> attributes = new ConcurrentHashMap<>();

        @Override
        public String getId() {
            return "stub";
        }

        @Override
        public @Nullable URI getUri() {
            return URI.create("ws://localhost/ws");
        }

        @Override
        public HttpHeaders getHandshakeHeaders() {
            return new HttpHeaders();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return attributes;
        }

        @Override
        public @Nullable Principal getPrincipal() {
            return null;
        }

        @Override
        public @Nullable InetSocketAddress getLocalAddress() {
            return null;
        }

        @Override
        public @Nullable InetSocketAddress getRemoteAddress() {
            return null;
        }

        @Override
        public @Nullable String getAcceptedProtocol() {
            return null;
        }

        @Override
        public void setTextMessageSizeLimit(int messageSizeLimit) {}

        @Override
        public int getTextMessageSizeLimit() {
            return 0;
        }

        @Override
        public void setBinaryMessageSizeLimit(int messageSizeLimit) {}

        @Override
        public int getBinaryMessageSizeLimit() {
            return 0;
        }

        @Override
        public List<WebSocketExtension> getExtensions() {
            return List.of();
        }

        @Override
        public void sendMessage(WebSocketMessage<?> message) {
            sent.add(JSON.readTree(((TextMessage) message).getPayload()));
        }

        @Override
        public boolean isOpen() {
            return closedWith == null;
        }

        @Override
        public void close() {
            close(CloseStatus.NORMAL);
        }

        @Override
        public void close(CloseStatus status) {
            closedWith = status;
        }
    }
}
