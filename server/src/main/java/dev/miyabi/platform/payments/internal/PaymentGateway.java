package dev.miyabi.platform.payments.internal;

/**
 * The port to a payment service provider: {@code sandbox} (the default; Stripe's test payment methods,
 * no network) or {@code stripe} (PaymentIntents and Refunds over HTTPS).
 *
 * <p>Every call is idempotent by its key: asking again with the same key never charges or refunds a
 * second time, it answers with what the first call did. That is what makes retries after a timeout
 * safe. A call whose outcome is unknown (timeout, network error, 429, 5xx) throws {@link
 * GatewayException}; the caller retries it or leaves the payment to reconciliation, which asks with
 * {@link #lookup}.
 */
public interface PaymentGateway {

    /** {@code sandbox} or {@code stripe}: recorded as the payment's provider. */
    String name();

    /** Charges the payment method: captured, declined, or still pending at the provider. */
    ChargeResult charge(ChargeRequest request);

    /** What became of a charge made (or maybe made) with this key: {@link ChargeResult.NotFound} if none. */
    ChargeResult lookup(ChargeLookup lookup);

    /** Refunds (part of) a captured charge. */
    RefundResult refund(RefundRequest request);

    /** What became of a refund asked for with this key: {@link RefundResult.NotFound} if none. */
    RefundResult lookupRefund(RefundLookup lookup);
}
