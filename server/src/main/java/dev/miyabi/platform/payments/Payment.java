package dev.miyabi.platform.payments;

import dev.miyabi.platform.shared.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A payment as the API shows it. {@code amount} is the order's total when the payment was made;
 * {@code refundedAmount} what has been refunded of it so far.
 *
 * @param userId the owner (the customer who placed and paid the order)
 * @param provider the gateway that handled it: {@code sandbox} or {@code stripe}
 * @param providerRef the gateway's id for the charge (Stripe: the PaymentIntent id), once known
 * @param paymentMethodType e.g. {@code card}, once the gateway said
 * @param failureCode why it failed: the decline code ({@code card_declined}, {@code insufficient_funds},
 *     …) or another gateway refusal
 * @param settledAt when it stopped being {@code processing}
 */
public record Payment(
        UUID id,
        UUID orderId,
        UUID userId,
        Money amount,
        PaymentStatus status,
        String provider,
        @Nullable String providerRef,
        @Nullable String paymentMethodType,
        @Nullable String failureCode,
        @Nullable String failureMessage,
        Money refundedAmount,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant settledAt,
        long version) {}
