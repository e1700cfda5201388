package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.realtime.ClientEvent;
import dev.miyabi.platform.state.BusinessCounts;
import java.util.Map;

/**
 * Counts by status of one resource type ({@link BusinessCounts}): the events of that resource type may move
 * them.
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
    public Map<String, Long> recount() {
        return counts.countByStatus();
    }
}
