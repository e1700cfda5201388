package dev.miyabi.platform.payments;

import java.time.Instant;

/**
 * Payments that settled in one hour (UTC), by the time of their outcome ({@code settledAt}): captured
 * ({@code succeeded}, whatever was refunded of them since) or {@code failed}. For metrics.
 *
 * @param hour the start of the hour
 */
public record PaymentHourlyOutcomes(Instant hour, long succeeded, long failed) {}
