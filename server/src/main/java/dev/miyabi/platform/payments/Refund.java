package dev.miyabi.platform.payments;

import dev.miyabi.platform.shared.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A refund of (part of) a payment, in the payment's currency.
 *
 * @param userId the payment's owner
 * @param requestedBy the admin who asked for it; null for the platform's automatic refunds and for
 *     refunds made at the provider directly (learnt from its webhooks)
 * @param automatic true for the platform's own refunds (order failed or cancelled after payment)
 */
public record Refund(
        UUID id,
        UUID paymentId,
        UUID orderId,
        UUID userId,
        Money amount,
        RefundStatus status,
        @Nullable String reason,
        @Nullable String providerRef,
        @Nullable String failureCode,
        @Nullable String failureMessage,
        @Nullable UUID requestedBy,
        boolean automatic,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant settledAt) {}
