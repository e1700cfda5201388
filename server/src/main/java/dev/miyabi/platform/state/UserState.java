package dev.miyabi.platform.state;

import dev.miyabi.platform.realtime.InstancePresence;
import java.time.Instant;
import java.util.List;

/**
 * Who uses the platform: accounts and sign-in sessions (refresh-token families) from the database, and
 * open {@code /ws} sockets of every running instance. Refreshed every {@code
 * miyabi.state.user-refresh-interval} (no event announces a sign-in).
 *
 * @param activeSessions sign-in sessions neither revoked nor expired
 * @param activeUsers distinct users with an active session
 * @param recentlyActiveUsers distinct users who signed in or refreshed a token in the last hour
 * @param openSockets {@code /ws} connections over all instances
 * @param connectedUsers authenticated users with a socket, summed over instances (a user connected to two
 *     instances counts twice)
 * @param instances each running instance's sockets as it last reported them
 * @param refreshedAt when these figures were read
 */
public record UserState(
        long registeredUsers,
        long activeSessions,
        long activeUsers,
        long recentlyActiveUsers,
        long openSockets,
        long connectedUsers,
        List<InstancePresence> instances,
        Instant refreshedAt) {

    public UserState {
        instances = List.copyOf(instances);
    }

    public static UserState empty(Instant at) {
        return new UserState(0, 0, 0, 0, 0, 0, List.of(), at);
    }

    /** The same figures, whenever they were read. */
    public boolean sameFigures(UserState other) {
        return atEpoch().equals(other.atEpoch());
    }

    private UserState atEpoch() {
        return new UserState(
                registeredUsers,
                activeSessions,
                activeUsers,
                recentlyActiveUsers,
                openSockets,
                connectedUsers,
                instances.stream()
                        .map(i -> new InstancePresence(i.instanceId(), i.connections(), i.users(), Instant.EPOCH))
                        .toList(),
                Instant.EPOCH);
    }
}
