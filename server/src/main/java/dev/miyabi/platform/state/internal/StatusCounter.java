package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.realtime.ClientEvent;
import dev.miyabi.platform.state.BusinessCounts;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Counts by status of one resource type ({@link BusinessCounts}): an event moves one resource from its
 * {@code previousStatus} (none for a new one) to its {@code status}.
 */
final class StatusCounter implements Counter {

    private final BusinessCounts counts;

    StatusCounter(BusinessCounts counts) {
        this.counts = counts;
    }

    @Override
    public String group() {
        return counts.name();
    }

    @Override
    public boolean concerns(ClientEvent event) {
        return event.resourceType().equals(counts.resourceType());
    }

    @Override
    public @Nullable Map<String, Long> delta(ClientEvent event) {
        return statusChange(event.payload());
    }

    @Override
    public Map<String, Long> recount() {
        return counts.countByStatus();
    }

    /**
     * {@code previousStatus -1, status +1} from a payload carrying both ({@code previousStatus} may be null:
     * a new resource); {@code null} when either is missing or not a string.
     */
    static @Nullable Map<String, Long> statusChange(JsonNode payload) {
        JsonNode status = payload.get("status");
        JsonNode previous = payload.get("previousStatus");
        if (status == null || !status.isString() || previous == null || !(previous.isNull() || previous.isString())) {
            return null;
        }
        Map<String, Long> delta = new LinkedHashMap<>();
        if (previous.isNull()) {
            delta.put(status.asString(), 1L);
        } else if (!previous.asString().equals(status.asString())) {
            delta.put(previous.asString(), -1L);
            delta.put(status.asString(), 1L);
        }
        return delta;
    }
}
