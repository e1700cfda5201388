package dev.miyabi.platform.realtime.web;

import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Serves {@code /ws}. The handshake needs no bearer header (browsers cannot send one); the socket
 * authenticates its first message or {@code ?access_token=}. Browsers may open it from the same
 * origin or from {@code miyabi.cors.allowed-origins}; a handshake from another origin is refused
 * with 403. Clients that send no {@code Origin} (CLIs, servers) are not browsers and are let through.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class RealtimeWebSocketConfiguration implements WebSocketConfigurer {

    private final RealtimeWebSocketHandler handler;
    private final List<String> allowedOrigins;

    RealtimeWebSocketConfiguration(RealtimeWebSocketHandler handler, Environment environment) {
        this.handler = handler;
        this.allowedOrigins = Binder.get(environment)
                .bind("miyabi.cors.allowed-origins", Bindable.listOf(String.class))
                .orElse(List.of());
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/ws").setAllowedOrigins(allowedOrigins.toArray(String[]::new));
    }
}
