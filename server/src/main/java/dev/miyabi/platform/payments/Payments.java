package dev.miyabi.platform.payments;

import java.util.List;
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
}
