package dev.miyabi.platform.payments.internal;

import dev.miyabi.platform.shared.Money;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Which charge to look up: by the provider's id when known, else by the payment it was made for. */
record ChargeLookup(
        String idempotencyKey,
        UUID paymentId,
        Money amount,
        @Nullable String providerRef) {}
