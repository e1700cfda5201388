package dev.miyabi.platform.orders;

import dev.miyabi.platform.identity.CurrentUser;
import dev.miyabi.platform.shared.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The orders module's facade for the modules that carry an order forward: approvals, payments,
 * fulfilment, realtime. Each transition locks the order, checks that its current status allows the
 * move (else {@link IllegalOrderTransitionException}, 409 {@code invalid_state}), appends a timeline
 * entry with the actor and note, and publishes an {@link OrderStatusChanged} — all in the caller's
 * transaction when there is one. An unknown order is an {@code ApiException} 404 {@code not_found}.
 */
public interface Orders {

    Optional<OrderSnapshot> find(UUID orderId);

    /** The order an approval request was opened for. */
    Optional<OrderSnapshot> findByApproval(UUID approvalId);

    /**
     * The order an approval request was opened for, locked until the caller's transaction ends, so no other
     * transition (a cancellation) slips in between the caller's check of its status and its change.
     */
    Optional<OrderSnapshot> lockByApproval(UUID approvalId);

    /** True when the user owns the order or is an admin; unknown ids are false. */
    boolean isVisibleTo(UUID orderId, CurrentUser user);

    /** How many orders are in each status (all statuses present, zero included). */
    Map<OrderStatus, Long> countByStatus();

    /** The newest orders, newest first, with their timelines (at most {@code limit}, capped at 100). */
    List<OrderSnapshot> recent(int limit);

    /**
     * Per hour (UTC) in {@code [from, to)}: orders placed, and orders that ended completed, failed,
     * cancelled or rejected. Only hours with any of them are listed, oldest first.
     */
    List<OrderHourlyCounts> hourlyCounts(Instant from, Instant to);

    /** {@code awaiting_approval → awaiting_payment}: the approval request was approved. */
    OrderSnapshot approve(UUID approvalId, Actor actor, @Nullable TimelineNote note);

    /** {@code awaiting_approval → rejected}: the approval request was rejected (or expired). */
    OrderSnapshot reject(UUID approvalId, Actor actor, @Nullable TimelineNote note);

    /**
     * An approver asked for changes: the order stays {@code awaiting_approval} until its owner revises it;
     * the timeline records who asked for what.
     */
    OrderSnapshot changesRequested(UUID approvalId, Actor actor, @Nullable TimelineNote note);

    /**
     * Adds a note to the order's timeline, its status unchanged (something its customer and the admins
     * must know, such as a payment captured after it had failed).
     */
    OrderSnapshot addNote(UUID orderId, Actor actor, TimelineNote note);

    /** {@code awaiting_payment → paid}, recording the payment. */
    OrderSnapshot markPaid(UUID orderId, UUID paymentId, Actor actor, @Nullable TimelineNote note);

    /** {@code paid → fulfilling}, recording the AI job that fulfils it (null for staff or access grants). */
    OrderSnapshot startFulfilment(UUID orderId, @Nullable UUID aiJobId, Actor actor, @Nullable TimelineNote note);

    /** {@code fulfilling → completed}. */
    OrderSnapshot complete(UUID orderId, Actor actor, @Nullable TimelineNote note);

    /** {@code paid | fulfilling → failed}: fulfilment failed for good (payments refunds on the event). */
    OrderSnapshot fail(UUID orderId, Actor actor, @Nullable TimelineNote note);

    /**
     * {@code → cancelled} on behalf of the platform or an agent: allowed before payment, and after it
     * ({@code paid}, {@code fulfilling}) too — the payments module refunds on the event.
     */
    OrderSnapshot cancel(UUID orderId, Actor actor, @Nullable TimelineNote note);
}
