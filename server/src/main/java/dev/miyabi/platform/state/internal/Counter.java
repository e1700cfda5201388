package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.realtime.ClientEvent;
import java.util.Map;

/**
 * A group of counts the state shows: which client events may move it (they mark the counts stale) and
 * how to count it from SQL.
 */
interface Counter {

    /** The group's name: a key of {@code businessState.counts}, or {@link AgentTaskCounter#GROUP}. */
    String group();

    /** Whether the event may move this group's counts. */
    boolean concerns(ClientEvent event);

    /** The counts from SQL, inside the caller's (snapshot) transaction. */
    Map<String, Long> recount();
}
