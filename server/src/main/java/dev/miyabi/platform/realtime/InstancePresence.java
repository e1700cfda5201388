package dev.miyabi.platform.realtime;

import java.time.Instant;

/**
 * One instance's {@code /ws} connections.
 *
 * @param connections open sockets, authenticated or not
 * @param users distinct users among the authenticated sockets
 * @param reportedAt when the figures were taken
 */
public record InstancePresence(String instanceId, long connections, long users, Instant reportedAt) {}
