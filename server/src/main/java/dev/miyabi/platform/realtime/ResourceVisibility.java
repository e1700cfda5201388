package dev.miyabi.platform.realtime;

import dev.miyabi.platform.identity.CurrentUser;

/**
 * Decides whether a user may subscribe to one resource's topic ({@code order:<id>}, {@code
 * job:<id>}). A bean per resource type replaces the default, which answers from the event log (the
 * user may subscribe when an event about that resource is visible to them).
 *
 * <p>Resource modules cannot implement this interface themselves (realtime depends on them, not
 * the reverse); the realtime module adapts their facades, e.g. {@code OrderVisibility} calling a
 * {@code Orders.isVisibleTo(orderId, user)} query of the orders module.
 */
public interface ResourceVisibility {

    /** The resource type this bean answers for, as in {@code event_log.resource_type} ({@code order}, {@code job}). */
    String resourceType();

    /** True when the user may see the resource; unknown ids and other users' resources are false. */
    boolean isVisible(CurrentUser user, String resourceId);
}
