package dev.miyabi.platform.realtime.internal;

import dev.miyabi.platform.shared.database.DedicatedConnections;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The event log's listener and dispatcher, and their metrics. */
@Configuration(proxyBeanMethods = false)
class RealtimeConfiguration {

    @Bean
    EventDispatcher eventDispatcher() {
        return new EventDispatcher(List.of());
    }

    @Bean
    EventLogListener eventLogListener(
            DataSource dataSource,
            EventDispatcher dispatcher,
            JsonMapper json,
            RealtimeProperties properties,
            Clock clock,
            MeterRegistry meters) {
        EventLogListener listener =
                new EventLogListener(listenerConnections(dataSource), dispatcher, json, properties, clock);
        Gauge.builder("miyabi.realtime.listener.connected", listener, l -> l.isConnected() ? 1 : 0)
                .description("1 while the event-log listener holds its LISTEN connection")
                .register(meters);
        FunctionCounter.builder("miyabi.realtime.listener.reconnects", listener, EventLogListener::reconnects)
                .description("Times the event-log listener reconnected after losing its connection")
                .register(meters);
        FunctionCounter.builder("miyabi.realtime.listener.notifications", listener, EventLogListener::notifications)
                .description("NOTIFY messages received from the event log")
                .register(meters);
        Gauge.builder("miyabi.realtime.position", dispatcher, EventDispatcher::position)
                .description("Id up to which this instance has delivered the log")
                .register(meters);
        return listener;
    }

    /**
     * A connection of its own for {@code LISTEN}, outside the pool: it is held for the instance's
     * lifetime. Built from the pool's settings; only a non-Hikari data source lends one of its own.
     */
    static EventLogListener.ConnectionFactory listenerConnections(DataSource dataSource) {
        return () -> DedicatedConnections.open(dataSource, "miyabi-realtime-listener", Map.of());
    }
}
