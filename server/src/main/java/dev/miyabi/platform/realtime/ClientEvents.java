package dev.miyabi.platform.realtime;

import dev.miyabi.platform.identity.Role;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The client-visible event log. A module (or the realtime module's own listeners of other modules'
 * domain events) calls {@link #append} inside the transaction that changes the resource: the event
 * commits — and is announced to every instance by {@code NOTIFY} — exactly when the change does,
 * and is rolled back with it. Every instance then delivers it, in id order, to its in-process
 * {@link ClientEventSubscriber}s, among them the {@code /ws} connections allowed to see it.
 *
 * <p>Visibility is stored with each event: the users named, the holders of the roles named, and
 * admins always. A WebSocket client receives an event only when it is visible to it.
 */
public interface ClientEvents {

    /**
     * Appends an event to the log in the caller's transaction and schedules its {@code NOTIFY} for
     * that transaction's commit.
     *
     * <p>Propagation is {@code MANDATORY}: calling it without an active transaction throws {@link
     * org.springframework.transaction.IllegalTransactionStateException}, because an event written
     * apart from its change could announce a change that then rolls back, or miss one that commits.
     *
     * @param type the client event type, lower case, dot-separated ({@code order.created}, {@code
     *     job.progress}, {@code agent.task.updated}); at most 50 characters
     * @param resourceType the resource's type ({@code order}, {@code job}, {@code payment}, {@code
     *     approval}, {@code agent_task}); at most 30 characters
     * @param resourceId the resource's id; at most 64 characters
     * @param payload the resource's current client-visible fields — a record, map or JSON object,
     *     serialized with the application's JSON mapper exactly as the REST API would; clients
     *     receive it with {@code eventId}, {@code resourceType} and {@code resourceId} added
     * @param visibleToUserIds users who may see it (typically the owner)
     * @param visibleToRoles roles whose holders may see it (e.g. {@code APPROVER}); admins always do
     * @return the event's id
     */
    long append(
            String type,
            String resourceType,
            String resourceId,
            Object payload,
            Collection<UUID> visibleToUserIds,
            Collection<Role> visibleToRoles);

    /** Events with an id above {@code afterId}, oldest first, at most {@code limit} — straight from the log. */
    List<ClientEvent> readAfter(long afterId, int limit);

    /**
     * The id up to which this instance has delivered the log to its subscribers, in order: every
     * subscriber has returned from every event up to it, and no lower id can still commit. A projection that rebuilds
     * from the tables can start from it; it is the end of the log at start, before the first event.
     */
    long position();

    /**
     * Delivers an event to this instance's subscribers only, without logging it: for derived
     * events that every instance computes for itself from the log, such as {@code state.updated}
     * (so N instances do not write N copies). It is not replayed on reconnect. Its id is the
     * current {@link #position()}.
     */
    void publishTransient(
            String type,
            String resourceType,
            String resourceId,
            Object payload,
            Collection<UUID> visibleToUserIds,
            Collection<Role> visibleToRoles);
}
