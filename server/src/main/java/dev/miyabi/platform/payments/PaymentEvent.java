package dev.miyabi.platform.payments;

import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Something happened to a payment. Every event carries the payment as it stands after the change and
 * the status it had before ({@link #previousStatus()}); refund events carry the refund too. Published
 * inside the transaction of the change. Besides admins, only the payment's owner may see it ({@link
 * #visibleTo()}).
 */
public sealed interface PaymentEvent
        permits PaymentStarted, PaymentSucceeded, PaymentFailed, RefundRequested, PaymentRefunded, RefundFailed {

    Payment payment();

    /**
     * The payment's status before the change: null for a new payment, equal to {@code payment().status()}
     * when the change left it as it was (a refund asked for or refused).
     */
    @Nullable
    PaymentStatus previousStatus();

    /** The users (besides admins) who may see this event: the payment's owner. */
    default Set<UUID> visibleTo() {
        return Set.of(payment().userId());
    }
}
