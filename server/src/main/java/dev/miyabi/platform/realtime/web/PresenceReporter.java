package dev.miyabi.platform.realtime.web;

import dev.miyabi.platform.realtime.InstancePresence;
import dev.miyabi.platform.realtime.RealtimePresence;
import dev.miyabi.platform.realtime.internal.Presences;
import dev.miyabi.platform.realtime.internal.RealtimeProperties;
import jakarta.annotation.PreDestroy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * {@link RealtimePresence}: counts this instance's sockets and records them in {@code realtime_presence}
 * every {@code presence-interval}, so any instance can tell how many clients the whole deployment serves.
 * The record is deleted when the instance stops; one left behind by a killed instance stops counting
 * after three intervals and is deleted after an hour.
 */
@Component
class PresenceReporter implements RealtimePresence, SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(PresenceReporter.class);
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final RealtimeWebSocketHandler handler;
    private final Presences presences;
    private final RealtimeProperties properties;
    private final Clock clock;
    private final String instanceId = generateInstanceId();

    PresenceReporter(
            RealtimeWebSocketHandler handler, Presences presences, RealtimeProperties properties, Clock clock) {
        this.handler = handler;
        this.presences = presences;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::report, properties.presenceInterval(), Duration.ZERO));
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public InstancePresence local() {
        return new InstancePresence(instanceId, handler.connectionCount(), handler.userCount(), clock.instant());
    }

    @Override
    public List<InstancePresence> cluster() {
        List<InstancePresence> instances = new ArrayList<>();
        for (InstancePresence reported :
                presences.fresh(properties.presenceInterval().multipliedBy(3))) {
            if (!reported.instanceId().equals(instanceId)) {
                instances.add(reported);
            }
        }
        instances.add(local());
        instances.sort(Comparator.comparing(InstancePresence::instanceId));
        return List.copyOf(instances);
    }

    void report() {
        try {
            InstancePresence now = local();
            presences.report(instanceId, now.connections(), now.users());
            presences.removeOlderThan(FORGET_AFTER);
        } catch (DataAccessException e) {
            log.warn(
                    "Recording this instance's WebSocket presence failed ({}); next try in {}",
                    e.getMessage(),
                    properties.presenceInterval());
        }
    }

    @PreDestroy
    void remove() {
        try {
            presences.remove(instanceId);
        } catch (DataAccessException e) {
            log.warn("Removing this instance's presence record failed ({}); it expires by itself", e.getMessage());
        }
    }

    /** Host name, process id and a random suffix, like the AI job workers' lease owner. */
    static String generateInstanceId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "miyabi";
            }
        }
        byte[] suffix = new byte[3];
        ThreadLocalRandom.current().nextBytes(suffix);
        String id = host + "-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().formatHex(suffix);
        return id.length() <= 100 ? id : id.substring(id.length() - 100);
    }
}
