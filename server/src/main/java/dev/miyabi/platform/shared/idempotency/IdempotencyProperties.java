package dev.miyabi.platform.shared.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@code Idempotency-Key} mechanism ({@code miyabi.idempotency.*}).
 *
 * @param retention how long a key and its response are kept (the contract asks for at least 24 h)
 * @param lockTimeout how long a running first request holds its key; a key still {@code in_progress}
 *     after that, whose request changed nothing, is taken over by a retry (its instance died)
 */
@ConfigurationProperties("miyabi.idempotency")
record IdempotencyProperties(
        @DefaultValue("24h") Duration retention,
        @DefaultValue("2m") Duration lockTimeout) {

    IdempotencyProperties {
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("miyabi.idempotency.retention must be at least 24h");
        }
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("miyabi.idempotency.lock-timeout must be positive");
        }
    }
}
