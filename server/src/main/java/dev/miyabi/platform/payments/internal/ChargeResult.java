package dev.miyabi.platform.payments.internal;

import org.jspecify.annotations.Nullable;

/** What the provider says about a charge. */
sealed interface ChargeResult {

    /** The money was captured. */
    record Succeeded(String providerRef, @Nullable String paymentMethodType) implements ChargeResult {}

    /** The charge was refused for good: a decline ({@code card_declined}, …) or an invalid payment method. */
    record Declined(@Nullable String providerRef, String code, String message) implements ChargeResult {}

    /** The provider has it but has not finished (e.g. Stripe's {@code processing}); ask again later. */
    record Pending(@Nullable String providerRef) implements ChargeResult {}

    /** (Lookups only) the provider has no charge for this payment. */
    record NotFound() implements ChargeResult {}
}
