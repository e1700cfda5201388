package dev.miyabi.platform.realtime;

import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.identity.Role;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * One client-visible event as stored in {@code event_log}: what happened ({@code type}, e.g.
 * {@code job.progress}), to which resource, the resource's client-visible fields at that moment
 * ({@code payload}), and who may see it.
 *
 * @param id the log's id (a bigint sequence); clients resume with it as {@code lastEventId}. A
 *     transient event (see {@link ClientEvents#publishTransient}) carries the position of the log it
 *     was published at.
 * @param payload the resource's client-visible fields; shared by all subscribers, so read it, never
 *     modify it
 * @param createdAt when the event was appended (database clock)
 * @param persistent false for a transient event: not logged, never replayed, this instance only
 */
public record ClientEvent(
        long id,
        String type,
        String resourceType,
        String resourceId,
        ObjectNode payload,
        Set<UUID> visibleToUsers,
        Set<Role> visibleToRoles,
        Instant createdAt,
        boolean persistent) {

    public ClientEvent {
        visibleToUsers = Set.copyOf(visibleToUsers);
        visibleToRoles = Set.copyOf(visibleToRoles);
    }

    /** Admins see everything; others see events naming them or one of their roles. */
    public boolean isVisibleTo(CurrentUser user) {
        if (user.isAdmin() || visibleToUsers.contains(user.id())) {
            return true;
        }
        for (Role role : user.roles()) {
            if (visibleToRoles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
