package dev.miyabi.platform.state.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Request latencies of this instance per hour (UTC), counted into fixed buckets until they are flushed
 * to {@code api_latency_buckets}. Recording is lock-free (one atomic increment); draining takes the
 * counts away bucket by bucket, so a request recorded meanwhile is kept for the next flush.
 */
final class LatencyHistogram {

    /**
     * Upper bounds of the buckets in milliseconds (inclusive); {@link #INFINITY} is the last, for slower
     * requests. Roughly 1.5–2× apart, so a percentile interpolated within its bucket is within a bucket's
     * width of the true value. Stored rows use these numbers: changing them needs a migration of the old
     * rows.
     */
    static final int[] BOUNDS_MS = {
        5,
        10,
        15,
        20,
        30,
        40,
        50,
        75,
        100,
        150,
        200,
        300,
        400,
        500,
        750,
        1_000,
        1_500,
        2_000,
        3_000,
        5_000,
        10_000,
        30_000,
        Integer.MAX_VALUE
    };

    /** The bound of the overflow bucket. */
    static final int INFINITY = Integer.MAX_VALUE;

    /** One bucket's count of one hour. */
    record Bucket(Instant hour, int boundMs, long count) {}

    private final Map<Instant, AtomicLongArray> hours = new ConcurrentHashMap<>();

    void record(Instant at, long nanos) {
        Instant hour = at.truncatedTo(ChronoUnit.HOURS);
        hours.computeIfAbsent(hour, h -> new AtomicLongArray(BOUNDS_MS.length)).incrementAndGet(bucket(nanos));
    }

    /** The index of the first bucket whose bound is at least the duration. */
    static int bucket(long nanos) {
        double millis = nanos / 1_000_000.0;
        for (int i = 0; i < BOUNDS_MS.length - 1; i++) {
            if (millis <= BOUNDS_MS[i]) {
                return i;
            }
        }
        return BOUNDS_MS.length - 1;
    }

    /**
     * Takes every non-zero count out of the histogram. Requests are recorded at the time they end, so an
     * hour older than the previous one is never written again: its emptied counters are dropped.
     */
    List<Bucket> drain(Instant now) {
        Instant previousHour = now.truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        List<Bucket> drained = new ArrayList<>();
        for (Map.Entry<Instant, AtomicLongArray> entry : hours.entrySet()) {
            AtomicLongArray counts = entry.getValue();
            for (int i = 0; i < counts.length(); i++) {
                long count = counts.getAndSet(i, 0);
                if (count > 0) {
                    drained.add(new Bucket(entry.getKey(), BOUNDS_MS[i], count));
                }
            }
            if (entry.getKey().isBefore(previousHour)) {
                hours.remove(entry.getKey(), counts);
            }
        }
        return drained;
    }

    /** Puts counts back after a failed flush, to be flushed with the next. */
    void restore(List<Bucket> buckets) {
        for (Bucket bucket : buckets) {
            int index = Arrays.binarySearch(BOUNDS_MS, bucket.boundMs());
            hours.computeIfAbsent(bucket.hour(), h -> new AtomicLongArray(BOUNDS_MS.length))
                    .addAndGet(index, bucket.count());
        }
    }
}
