package dev.miyabi.platform.realtime.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the realtime module ({@code miyabi.realtime.*}).
 *
 * @param retention how long events stay in the log (and can be replayed)
 * @param pruneInterval how often old events are deleted
 * @param pollInterval the safety-net poll of the log when no notification arrives
 * @param reconnectDelay first delay before the listener reconnects; doubles up to 30 s
 * @param batchSize events read per query
 * @param authTimeout time a new socket has to authenticate (close 4408 after it)
 * @param heartbeatInterval server {@code heartbeat} period
 * @param sendQueueCapacity messages queued per connection before it counts as too slow (close 1008)
 * @param sendBufferLimit characters queued per connection before it counts as too slow (close 1008)
 * @param sendTimeout a single write blocked longer than this disconnects the client (close 1008)
 * @param replayLimit at most this many events are replayed; a client further behind is told to
 *     {@code resync}
 * @param maxTopics topics per connection
 * @param maxMessageSize largest client message accepted (close 1009 beyond); the container keeps a
 *     buffer of twice this size per connection, so it stays small (client messages are tiny)
 * @param presenceInterval how often this instance records its open sockets in {@code realtime_presence};
 *     a record older than three intervals counts as a stopped instance
 */
@Validated
@ConfigurationProperties("miyabi.realtime")
public record RealtimeProperties(
        @DefaultValue("7d") Duration retention,
        @DefaultValue("1h") Duration pruneInterval,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("1s") Duration reconnectDelay,
        @DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("10s") Duration authTimeout,
        @DefaultValue("25s") Duration heartbeatInterval,
        @DefaultValue("256") @Min(1) int sendQueueCapacity,
        @DefaultValue("1MB") DataSize sendBufferLimit,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("1000") @Min(1) int replayLimit,
        @DefaultValue("100") @Min(1) int maxTopics,
        @DefaultValue("8KB") DataSize maxMessageSize,
        @DefaultValue("10s") Duration presenceInterval) {

    /** The defaults, for components built outside Spring (tests). */
    public static RealtimeProperties defaults() {
        return new RealtimeProperties(
                Duration.ofDays(7),
                Duration.ofHours(1),
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                500,
                Duration.ofSeconds(10),
                Duration.ofSeconds(25),
                256,
                DataSize.ofMegabytes(1),
                Duration.ofSeconds(10),
                1000,
                100,
                DataSize.ofKilobytes(8),
                Duration.ofSeconds(10));
    }
}
