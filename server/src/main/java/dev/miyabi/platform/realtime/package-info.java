/**
 * Realtime: the client-visible event log ({@code event_log}), its cross-instance fan-out by
 * PostgreSQL {@code LISTEN}/{@code NOTIFY}, the {@code /ws} WebSocket endpoint, and the mapping of
 * the other modules' domain events to client events (in the publishing transaction).
 *
 * <p>Its API: {@link dev.miyabi.platform.realtime.ClientEvents} (append an event in the caller's
 * transaction, read the log, publish a transient event), {@link
 * dev.miyabi.platform.realtime.ClientEvent}, {@link dev.miyabi.platform.realtime.ClientEventSubscriber}
 * (in-process subscribers, called in id order), {@link
 * dev.miyabi.platform.realtime.ResourceVisibility} (who may subscribe to one resource) and {@link
 * dev.miyabi.platform.realtime.RealtimePresence} (open sockets on this and every other instance).
 *
 * <p>It depends on the modules whose events it maps ({@code orders}, {@code aijobs}, {@code agents},
 * {@code catalog}, {@code payments}, {@code approvals}); they never depend on it.
 */
@ApplicationModule(
        displayName = "Realtime",
        allowedDependencies = {"shared", "identity", "orders", "aijobs", "agents", "catalog", "payments", "approvals"})
@NullMarked
package dev.miyabi.platform.realtime;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
