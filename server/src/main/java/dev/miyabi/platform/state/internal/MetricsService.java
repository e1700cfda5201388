package dev.miyabi.platform.state.internal;

import dev.miyabi.platform.aijobs.AiJobs;
import dev.miyabi.platform.aijobs.JobHourlyCounts;
import dev.miyabi.platform.aijobs.JobStatus;
import dev.miyabi.platform.orders.OrderHourlyCounts;
import dev.miyabi.platform.orders.Orders;
import dev.miyabi.platform.state.MetricsSummary;
import dev.miyabi.platform.state.PaymentStatistics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The metrics summary, from SQL: orders and AI jobs from their tables (through the facades), payments
 * through {@link PaymentStatistics} (the payments module's outcomes), latency from {@code
 * api_latency_buckets}, the queue from {@code ai_jobs} now.
 */
@Service
class MetricsService {

    private final Orders orders;
    private final AiJobs jobs;
    private final PaymentStatistics payments;
    private final LatencyBuckets latencies;
    private final Clock clock;

    MetricsService(Orders orders, AiJobs jobs, PaymentStatistics payments, LatencyBuckets latencies, Clock clock) {
        this.orders = orders;
        this.jobs = jobs;
        this.payments = payments;
        this.latencies = latencies;
        this.clock = clock;
    }

    /** The last {@code hours} hours (1–168, default 24); 400 {@code validation_failed} otherwise. */
    @Transactional(readOnly = true)
    public MetricsSummary summary(@Nullable Integer hours) {
        MetricsWindow window = MetricsWindow.endingAt(clock.instant(), hours);
        Map<Instant, OrderHourlyCounts> orderHours =
                byHour(orders.hourlyCounts(window.from(), window.to()), OrderHourlyCounts::hour);
        Map<Instant, JobHourlyCounts> jobHours =
                byHour(jobs.hourlyCounts(window.from(), window.to()), JobHourlyCounts::hour);
        Map<Instant, PaymentStatistics.PaymentHourlyCounts> paymentHours =
                byHour(payments.hourlyCounts(window.from(), window.to()), PaymentStatistics.PaymentHourlyCounts::hour);
        LatencyBuckets.Latencies latency = latencies.p95(window.from(), window.to());

        List<MetricsSummary.Hour> series = new ArrayList<>();
        long ordersCompleted = 0;
        long ordersEnded = 0;
        long jobsCompleted = 0;
        long jobsFailed = 0;
        long paymentsSucceeded = 0;
        long paymentsFailed = 0;
        for (int i = 0; i < window.hours(); i++) {
            Instant hour = window.hour(i);
            OrderHourlyCounts o = orderHours.getOrDefault(hour, new OrderHourlyCounts(hour, 0, 0, 0, 0, 0));
            JobHourlyCounts j = jobHours.getOrDefault(hour, new JobHourlyCounts(hour, 0, 0, 0, 0));
            PaymentStatistics.PaymentHourlyCounts p =
                    paymentHours.getOrDefault(hour, new PaymentStatistics.PaymentHourlyCounts(hour, 0, 0));
            LatencyBuckets.Percentile l = latency.byHour().getOrDefault(hour, new LatencyBuckets.Percentile(0, null));
            ordersCompleted += o.completed();
            ordersEnded += o.completed() + o.failed() + o.cancelled() + o.rejected();
            jobsCompleted += j.completed();
            jobsFailed += j.failed();
            paymentsSucceeded += p.succeeded();
            paymentsFailed += p.failed();
            series.add(new MetricsSummary.Hour(
                    hour,
                    o.created(),
                    o.completed(),
                    o.failed(),
                    j.completed(),
                    j.failed(),
                    p.succeeded(),
                    p.failed(),
                    l.p95Ms(),
                    l.requests()));
        }
        Map<JobStatus, Long> queue = jobs.countByStatus();
        return new MetricsSummary(
                rate(ordersCompleted, ordersEnded),
                rate(jobsCompleted, jobsCompleted + jobsFailed),
                rate(paymentsSucceeded, paymentsSucceeded + paymentsFailed),
                queue.getOrDefault(JobStatus.QUEUED, 0L),
                queue.getOrDefault(JobStatus.RUNNING, 0L),
                latency.overall().p95Ms(),
                latency.overall().requests(),
                new MetricsSummary.Window(window.from(), window.to(), window.hours()),
                series);
    }

    /** {@code part / whole} with four decimals; null when there is nothing to divide. */
    static @Nullable BigDecimal rate(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    private static <T> Map<Instant, T> byHour(List<T> rows, Function<T, Instant> hour) {
        Map<Instant, T> map = new HashMap<>();
        rows.forEach(row -> map.put(hour.apply(row), row));
        return map;
    }
}
