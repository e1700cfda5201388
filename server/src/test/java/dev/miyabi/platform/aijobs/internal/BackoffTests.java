package dev.miyabi.platform.aijobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTests {

    @Test
    void theDelayDoublesWithEveryFailedAttemptUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1), 0, () -> 0.5);

        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.delay(4)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.delay(60)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.delay(0)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void jitterTakesARandomShareOffTheDelay() {
        assertThat(new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1), 0.2, () -> 0.0).delay(2))
                .isEqualTo(Duration.ofSeconds(20));
        assertThat(new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1), 0.2, () -> 0.5).delay(2))
                .isEqualTo(Duration.ofSeconds(18));
        assertThat(new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1), 0.2, () -> 0.999999).delay(2))
                .isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void refusesAJitterOutsideZeroToOne() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.5, () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
