package dev.miyabi.platform.payments.internal;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Which refund to look up: by the provider's id when known, else among the charge's refunds by ours. */
record RefundLookup(
        String idempotencyKey,
        UUID refundId,
        String chargeRef,
        @Nullable String providerRef) {}
