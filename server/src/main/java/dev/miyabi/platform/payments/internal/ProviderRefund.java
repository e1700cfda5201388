package dev.miyabi.platform.payments.internal;

import java.math.BigDecimal;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A refund as the provider reports it in a webhook: its id there, ours when it carries it (Stripe's
 * {@code metadata.miyabi_refund_id}), and what became of it. Matched by those ids, never by amount.
 */
record ProviderRefund(String providerRef, @Nullable UUID ourId, BigDecimal amount, RefundResult result) {}
