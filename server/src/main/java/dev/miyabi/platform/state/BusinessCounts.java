package dev.miyabi.platform.state;

import java.util.Map;

/**
 * One resource type counted by status in {@link BusinessState#counts()}. The state module counts every
 * bean implementing it: from SQL at start and at every resync ({@link #countByStatus()}, called inside the
 * resync's snapshot transaction), and in between from the client events of {@link #resourceType()} — each
 * such event must carry {@code status} and {@code previousStatus} in its payload (null for a new resource);
 * one without them makes the state recount instead.
 *
 * <p>Modules whose events the realtime module maps (payments, approvals) cannot implement it themselves
 * without a dependency cycle (payments → state → realtime → payments); add an adapter in {@code
 * state.internal} over their facade instead, as {@code OrderCounts} does for orders.
 */
public interface BusinessCounts {

    /** The key in {@code businessState.counts}, e.g. {@code payments}. */
    String name();

    /** The client events' resource type whose status changes move the counts, e.g. {@code payment}. */
    String resourceType();

    /** How many resources are in each status (wire names, every status present, zero included). */
    Map<String, Long> countByStatus();
}
