package dev.miyabi.platform.state;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/admin/metrics/summary}: rates and latency over a window of whole hours (UTC), computed
 * in SQL from the tables and the persisted latency histograms (so they survive restarts and cover every
 * instance), with one point per hour for charts.
 *
 * @param orderCompletionRate of the orders that ended in the window (completed, failed, cancelled,
 *     rejected), the share completed; null when none ended
 * @param aiJobSuccessRate of the AI jobs that ended completed or failed in the window, the share
 *     completed (cancelled jobs are left out); null when none ended
 * @param paymentSuccessRate of the payments that succeeded or failed in the window (by the time of that
 *     outcome), the share that succeeded (captured, refunded since or not); null when none did
 * @param jobsQueued AI jobs waiting now (the queue depth)
 * @param jobsRunning AI jobs running now
 * @param p95LatencyMs the 95th percentile of {@code /api/**} request latency over the window, from
 *     fixed-bucket histograms (linear within the bucket); null without requests
 * @param requests {@code /api/**} requests in the window, all instances
 */
public record MetricsSummary(
        @Nullable BigDecimal orderCompletionRate,
        @Nullable BigDecimal aiJobSuccessRate,
        @Nullable BigDecimal paymentSuccessRate,
        long jobsQueued,
        long jobsRunning,
        @Nullable BigDecimal p95LatencyMs,
        long requests,
        Window window,
        List<Hour> series) {

    public MetricsSummary {
        series = List.copyOf(series);
    }

    /**
     * @param from the start of the first hour
     * @param to the end of the window (now)
     * @param hours the number of hours, hence of points in {@code series}
     */
    @Schema(name = "MetricsWindow")
    public record Window(Instant from, Instant to, int hours) {}

    /**
     * One hour (UTC) of the window; the last one is the current, unfinished hour. {@code paymentsSucceeded}
     * / {@code paymentsFailed}: payments captured / declined or failed in the hour (by their outcome time);
     * {@code p95LatencyMs} is null for an hour without requests.
     */
    @Schema(name = "MetricsHour")
    public record Hour(
            Instant hour,
            long ordersCreated,
            long ordersCompleted,
            long ordersFailed,
            long jobsCompleted,
            long jobsFailed,
            long paymentsSucceeded,
            long paymentsFailed,
            @Nullable BigDecimal p95LatencyMs,
            long requests) {}
}
