package dev.miyabi.platform.state.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code api_latency_buckets}: per hour, instance and bucket, how many {@code /api/**} requests took at
 * most {@code bucket_le_ms} (and more than the bucket below). Instances add their counts; percentiles are
 * computed over the sum of every instance's buckets.
 */
@Repository
class LatencyBuckets {

    private final JdbcClient jdbc;

    LatencyBuckets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the counts (call inside one transaction). */
    void add(String instanceId, List<LatencyHistogram.Bucket> buckets) {
        for (LatencyHistogram.Bucket bucket : buckets) {
            jdbc.sql("""
                            INSERT INTO api_latency_buckets (hour, instance_id, bucket_le_ms, count)
                            VALUES (:hour, :instance, :bound, :count)
                            ON CONFLICT (hour, instance_id, bucket_le_ms)
                            DO UPDATE SET count = api_latency_buckets.count + excluded.count
                            """)
                    .param("hour", Timestamp.from(bucket.hour()))
                    .param("instance", instanceId)
                    .param("bound", bucket.boundMs())
                    .param("count", bucket.count())
                    .update();
        }
    }

    int deleteBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM api_latency_buckets WHERE hour < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }

    /**
     * @param p95Ms null without requests
     */
    record Percentile(long requests, @Nullable BigDecimal p95Ms) {}

    /** Per hour and over the whole window. */
    record Latencies(Map<Instant, Percentile> byHour, Percentile overall) {}

    /**
     * The 95th percentile per hour in {@code [from, to)} and over all of it, in SQL over the merged buckets
     * of all instances: the first bucket whose running total reaches 95 % of the requests holds the
     * percentile, placed linearly between its lower and upper bound (as Prometheus'
     * {@code histogram_quantile}); in the overflow bucket it is that bucket's lower bound.
     */
    Latencies p95(Instant from, Instant to) {
        Map<Instant, Percentile> byHour = new TreeMap<>();
        List<Percentile> overall = new ArrayList<>();
        jdbc.sql("""
                        WITH bounds AS (
                            SELECT le, coalesce(lag(le) OVER (ORDER BY le), 0) AS lower
                            FROM unnest(CAST(:bounds AS integer[])) AS b (le)),
                        merged AS (
                            SELECT hour, bucket_le_ms AS le, sum(count) AS n
                            FROM api_latency_buckets
                            WHERE hour >= :from AND hour < :to
                            GROUP BY GROUPING SETS ((hour, bucket_le_ms), (bucket_le_ms))),
                        running AS (
                            SELECT m.hour, m.le, b.lower, m.n,
                                sum(m.n) OVER (PARTITION BY m.hour ORDER BY m.le) AS cumulative,
                                sum(m.n) OVER (PARTITION BY m.hour) AS total
                            FROM merged m JOIN bounds b ON b.le = m.le)
                        SELECT DISTINCT ON (hour) hour, total,
                            CASE WHEN le = :infinity THEN lower
                                 ELSE lower + (le - lower) * (0.95 * total - (cumulative - n)) / n
                            END AS p95
                        FROM running
                        WHERE cumulative >= 0.95 * total
                        ORDER BY hour, le
                        """)
                .param(
                        "bounds",
                        Arrays.stream(LatencyHistogram.BOUNDS_MS).boxed().toArray(Integer[]::new))
                .param("infinity", LatencyHistogram.INFINITY)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(rs -> {
                    Timestamp hour = rs.getTimestamp("hour");
                    Percentile percentile = new Percentile(
                            rs.getLong("total"), rs.getBigDecimal("p95").setScale(1, RoundingMode.HALF_UP));
                    if (hour == null) {
                        overall.add(percentile);
                    } else {
                        byHour.put(hour.toInstant(), percentile);
                    }
                });
        return new Latencies(byHour, overall.isEmpty() ? new Percentile(0, null) : overall.getFirst());
    }
}
