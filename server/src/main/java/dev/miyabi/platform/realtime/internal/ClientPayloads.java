package dev.miyabi.platform.realtime.internal;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds event payloads: the resource exactly as the REST API renders it (the application's JSON
 * mapper), plus {@code previousStatus} — the status before the change, {@code null} for a new resource,
 * equal to {@code status} when it did not change. Clients see what moved; the state projection keeps
 * its counts by status from the events alone (a status event without {@code previousStatus} makes it
 * recount instead).
 */
final class ClientPayloads {

    static final String PREVIOUS_STATUS = "previousStatus";

    private ClientPayloads() {}

    static ObjectNode withPreviousStatus(JsonMapper json, Object resource, @Nullable Object previousStatus) {
        ObjectNode payload = json.valueToTree(resource);
        payload.set(PREVIOUS_STATUS, json.valueToTree(previousStatus));
        return payload;
    }
}
