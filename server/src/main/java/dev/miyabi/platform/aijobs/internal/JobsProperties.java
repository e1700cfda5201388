package dev.miyabi.platform.aijobs.internal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the AI job queue ({@code miyabi.jobs.*}).
 *
 * @param enabled whether this instance runs workers (an API-only instance can still enqueue)
 * @param instanceId the lease owner name of this instance; derived from the host name and process id
 *     when absent
 * @param workers how many jobs this instance runs at once, over all types
 * @param concurrency per job type, how many of its jobs this instance runs at once (at most
 *     {@code workers}; types not listed may use every worker). Keys match types ignoring case and
 *     punctuation, so {@code course-generation} (or the environment variable
 *     {@code MIYABI_JOBS_CONCURRENCY_COURSE_GENERATION}) sets {@code course_generation}
 * @param maxAttempts how many times a job is started before it fails for good, unless enqueued with its own
 * @param leaseDuration how long a claim is valid without a heartbeat; a job whose lease expired is
 *     recovered by any instance
 * @param heartbeatInterval how often running jobs' leases are renewed (well below {@code leaseDuration}; a
 *     warning is logged at start otherwise)
 * @param pollInterval how often idle workers look for due jobs when nothing woke them
 * @param recoveryInterval how often expired leases are swept
 * @param backoffBase the delay before the first retry; doubled for every further attempt
 * @param backoffMax the longest delay between attempts
 * @param backoffJitter the fraction of the delay taken off at random (0–1), so retries spread out
 * @param shutdownTimeout how long a stopping instance lets running jobs finish before it releases them
 * @param listen whether to LISTEN for PostgreSQL notifications, so jobs enqueued on other instances
 *     start at once instead of at the next poll
 */
@Validated
@ConfigurationProperties("miyabi.jobs")
record JobsProperties(
        @DefaultValue("true") boolean enabled,
        @Nullable String instanceId,
        @DefaultValue("4") @Min(1) int workers,
        @DefaultValue Map<String, Integer> concurrency,
        @DefaultValue("3") @Min(1) int maxAttempts,
        @DefaultValue("60s") Duration leaseDuration,
        @DefaultValue("15s") Duration heartbeatInterval,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("10s") Duration recoveryInterval,
        @DefaultValue("10s") Duration backoffBase,
        @DefaultValue("10m") Duration backoffMax,

        @DefaultValue("0.2") @DecimalMin("0") @DecimalMax("1")
        double backoffJitter,

        @DefaultValue("25s") Duration shutdownTimeout,
        @DefaultValue("true") boolean listen) {

    public JobsProperties {
        Map<String, Integer> normalized = new java.util.HashMap<>();
        concurrency.forEach((type, limit) -> normalized.put(normalize(type), limit));
        concurrency = Map.copyOf(normalized);
    }

    /** The defaults, for building a queue outside Spring. */
    public static JobsProperties defaults() {
        return new JobsProperties(
                true,
                null,
                4,
                Map.of(),
                3,
                Duration.ofSeconds(60),
                Duration.ofSeconds(15),
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                Duration.ofMinutes(10),
                0.2,
                Duration.ofSeconds(25),
                true);
    }

    /** How many jobs of {@code type} this instance may run at once. */
    public int concurrencyOf(String type) {
        Integer limit = concurrency.get(normalize(type));
        return limit == null ? workers : Math.max(0, Math.min(limit, workers));
    }

    /** Property binding drops '_' from map keys and environment variables split on it; compare letters and digits. */
    private static String normalize(String type) {
        return type.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
