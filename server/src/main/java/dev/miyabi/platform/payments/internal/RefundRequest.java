package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.shared.Money;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A refund of {@code amount} of the charge {@code chargeRef}; idempotent by the refund's id. */
record RefundRequest(
        String idempotencyKey,
        UUID refundId,
        String chargeRef,
        Money amount,
        @Nullable String reason) {

    public static String keyFor(UUID refundId) {
        return "refund-" + refundId;
    }
}
