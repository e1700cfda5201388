package dev.miyabi.platform.payments;

import dev.miyabi.platform.identity.CurrentUser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Read access to payments for other modules (realtime, state, metrics). Payments are made and
 * refunded through the HTTP API and the PaymentProcessorAgent; other modules learn of them through
 * {@link PaymentEvent}s.
 */
public interface Payments {

    Optional<Payment> find(UUID paymentId);

    /** The order's payments, newest first. */
    List<Payment> forOrder(UUID orderId);

    /** The payment's refunds, oldest first. */
    List<Refund> refunds(UUID paymentId);

    /** True when the user owns the payment or is an admin (as {@code GET /api/payments/{id}}); unknown ids are false. */
    boolean isVisibleTo(UUID paymentId, CurrentUser user);

    /** How many payments are in each status (every status present, zero included). */
    Map<PaymentStatus, Long> countByStatus();

    /**
     * Per hour (UTC) in {@code [from, to)}: payments captured and payments failed in it, by the time of that
     * outcome ({@code settledAt}; a later refund does not move it). Only hours with any are listed, oldest
     * first.
     */
    List<PaymentHourlyOutcomes> hourlyOutcomes(Instant from, Instant to);
}
