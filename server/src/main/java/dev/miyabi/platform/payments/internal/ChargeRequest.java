package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.shared.Money;
import java.util.UUID;

/**
 * A charge of {@code amount} to a tokenised payment method ({@code pm_…}). {@code idempotencyKey} is
 * derived from the payment id, so every attempt for one payment is the same charge at the provider.
 */
record ChargeRequest(
        String idempotencyKey, UUID paymentId, UUID orderId, Money amount, String paymentMethod, String description) {

    public static String keyFor(UUID paymentId) {
        return "payment-" + paymentId;
    }
}
