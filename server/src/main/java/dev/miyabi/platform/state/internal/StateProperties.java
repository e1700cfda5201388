package dev.miyabi.platform.state.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the state module ({@code miyabi.state.*}).
 *
 * @param publishInterval at most one {@code state.updated} per interval per instance (coalesced: however
 *     many events arrived, admins get the state as it is at the end of the interval)
 * @param resyncInterval how often the counts are recounted from SQL (they are kept from events in between)
 * @param userRefreshInterval how often sessions and sockets are read for {@code userState}
 * @param recentItems how many recent orders and AI jobs the state lists
 * @param queueSize how many open agent tasks {@code agentState.queue} lists
 * @param latencyFlushInterval how often this instance adds its API latency histogram to
 *     {@code api_latency_buckets}
 * @param latencyRetention how long hourly latency buckets are kept (at least the 168 hours the summary
 *     can show)
 */
@Validated
@ConfigurationProperties("miyabi.state")
record StateProperties(
        @DefaultValue("500ms") Duration publishInterval,
        @DefaultValue("60s") Duration resyncInterval,
        @DefaultValue("10s") Duration userRefreshInterval,
        @DefaultValue("10") @Min(1) @Max(100) int recentItems,
        @DefaultValue("10") @Min(1) @Max(50) int queueSize,
        @DefaultValue("60s") Duration latencyFlushInterval,
        @DefaultValue("8d") Duration latencyRetention) {

    public StateProperties {
        if (latencyRetention.compareTo(Duration.ofHours(MetricsWindow.MAX_HOURS)) < 0) {
            throw new IllegalArgumentException("miyabi.state.latency-retention must be at least "
                    + MetricsWindow.MAX_HOURS + " hours, the longest window of the metrics summary");
        }
    }

    /** The defaults, for components built outside Spring (tests). */
    public static StateProperties defaults() {
        return new StateProperties(
                Duration.ofMillis(500),
                Duration.ofSeconds(60),
                Duration.ofSeconds(10),
                10,
                10,
                Duration.ofSeconds(60),
                Duration.ofDays(8));
    }
}
