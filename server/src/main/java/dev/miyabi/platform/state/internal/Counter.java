package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.realtime.ClientEvent;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A group of counts that the state keeps from client events and recounts from SQL. Counts are plain
 * {@code key → long} maps, so the resync can merge a recount with the events that raced it the same way
 * for every group.
 */
interface Counter {

    /** The group's name: a key of {@code businessState.counts}, or {@link AgentTaskCounter#GROUP}. */
    String group();

    /** Whether the event may move this group's counts. */
    boolean concerns(ClientEvent event);

    /**
     * How the event moves the counts (empty: not at all); {@code null} when the event does not say enough
     * to tell (e.g. no {@code previousStatus}), which makes the state recount.
     */
    @Nullable
    Map<String, Long> delta(ClientEvent event);

    /** The counts from SQL, inside the caller's (snapshot) transaction. */
    Map<String, Long> recount();
}
