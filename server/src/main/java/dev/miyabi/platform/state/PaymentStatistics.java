package dev.miyabi.platform.state;

import java.time.Instant;
import java.util.List;

/**
 * Payment outcomes for {@code GET /api/admin/metrics/summary} ({@code paymentSuccessRate}, the series'
 * {@code paymentsSucceeded}/{@code paymentsFailed}). The payments module plugs in through an adapter in
 * {@code state.internal} over its facade ({@code PaymentOutcomeStatistics}; see {@link BusinessCounts} for
 * why not directly); the summary needs exactly one bean.
 */
public interface PaymentStatistics {

    /**
     * Per hour (UTC) in {@code [from, to)}: payments that ended succeeded or failed in it (by the time
     * of that outcome). Only hours with any are listed.
     */
    List<PaymentHourlyCounts> hourlyCounts(Instant from, Instant to);

    /** @param hour the start of the hour (UTC) */
    record PaymentHourlyCounts(Instant hour, long succeeded, long failed) {}
}
