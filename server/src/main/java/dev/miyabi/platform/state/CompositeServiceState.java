package dev.miyabi.platform.state;

import java.time.Instant;

/**
 * The platform at a glance, as {@code GET /api/state} and {@code state.updated} show it: counts and
 * recent items, never whole tables. Immutable; {@link StateManager#current()} hands out the latest one.
 *
 * @param version the id of the last client event applied (the realtime log's position): the same number
 *     on every instance once they are quiet, so two snapshots with one version reflect the same events
 * @param lastUpdated when this instance last changed its state (an event applied, a recount, a refresh
 *     of the user figures)
 */
public record CompositeServiceState(
        long version, Instant lastUpdated, AgentState agentState, BusinessState businessState, UserState userState) {}
