package dev.miyabi.platform.payments.internal;

import org.jspecify.annotations.Nullable;

/** What the provider says about a refund. */
sealed interface RefundResult {

    record Succeeded(String providerRef) implements RefundResult {}

    record Failed(@Nullable String providerRef, String code, String message) implements RefundResult {}

    record Pending(@Nullable String providerRef) implements RefundResult {}

    record NotFound() implements RefundResult {}
}
