package dev.miyabi.platform.realtime.internal;

import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.realtime.ClientEvent;
import dev.miyabi.platform.realtime.ClientEvents;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@link ClientEvents} on {@code event_log} and the local {@link EventDispatcher}. */
@Service
class JdbcClientEvents implements ClientEvents {

    static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
    static final Pattern RESOURCE_TYPE = Pattern.compile("[a-z][a-z0-9_]*");

    private final LoggedEvents events;
    private final EventDispatcher dispatcher;
    private final JsonMapper json;
    private final Clock clock;

    JdbcClientEvents(LoggedEvents events, EventDispatcher dispatcher, JsonMapper json, Clock clock) {
        this.events = events;
        this.dispatcher = dispatcher;
        this.json = json;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public long append(
            String type,
            String resourceType,
            String resourceId,
            Object payload,
            Collection<UUID> visibleToUserIds,
            Collection<Role> visibleToRoles) {
        check(type, resourceType, resourceId);
        ObjectNode fields = toObject(payload);
        return events.insert(
                        type,
                        resourceType,
                        resourceId,
                        json.writeValueAsString(fields),
                        Set.copyOf(visibleToUserIds),
                        Set.copyOf(visibleToRoles))
                .id();
    }

    @Override
    @Transactional(readOnly = true)
    public List<ClientEvent> readAfter(long afterId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return events.readAfter(afterId, limit);
    }

    @Override
    public long position() {
        return dispatcher.delivered();
    }

    @Override
    public void publishTransient(
            String type,
            String resourceType,
            String resourceId,
            Object payload,
            Collection<UUID> visibleToUserIds,
            Collection<Role> visibleToRoles) {
        check(type, resourceType, resourceId);
        dispatcher.dispatch(
                new ClientEvent(
                        dispatcher.position(),
                        type,
                        resourceType,
                        resourceId,
                        toObject(payload),
                        Set.copyOf(visibleToUserIds),
                        Set.copyOf(visibleToRoles),
                        clock.instant(),
                        false),
                false);
    }

    private ObjectNode toObject(Object payload) {
        JsonNode tree = payload instanceof JsonNode node ? node : json.valueToTree(payload);
        if (!(tree instanceof ObjectNode object)) {
            throw new IllegalArgumentException("An event payload must be a JSON object, not " + tree.getNodeType());
        }
        return object.deepCopy();
    }

    private static void check(String type, String resourceType, String resourceId) {
        if (type.length() > 50 || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("Invalid event type: " + type);
        }
        if (resourceType.length() > 30 || !RESOURCE_TYPE.matcher(resourceType).matches()) {
            throw new IllegalArgumentException("Invalid resource type: " + resourceType);
        }
        if (resourceId.isBlank() || resourceId.length() > 64) {
            throw new IllegalArgumentException("A resource id must have 1 to 64 characters");
        }
    }
}
