/**
 * Realtime: the client-visible event log ({@code event_log}), its cross-instance fan-out by
 * PostgreSQL {@code LISTEN}/{@code NOTIFY}, and the {@code /ws} WebSocket endpoint.
 *
 * <p>Its API: {@link dev.miyabi.platform.realtime.ClientEvents} (append an event in the caller's
 * transaction, read the log, publish a transient event), {@link
 * dev.miyabi.platform.realtime.ClientEvent}, {@link dev.miyabi.platform.realtime.ClientEventSubscriber}
 * (in-process subscribers, called in id order) and {@link
 * dev.miyabi.platform.realtime.ResourceVisibility} (who may subscribe to one resource).
 */
@ApplicationModule(
        displayName = "Realtime",
        allowedDependencies = {"shared", "identity"})
@NullMarked
package dev.miyabi.platform.realtime;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
