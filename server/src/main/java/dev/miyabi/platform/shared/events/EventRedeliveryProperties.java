package dev.miyabi.platform.shared.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the event redelivery ({@code miyabi.events.*}).
 *
 * @param redeliveryInterval how often one instance looks for publications to deliver again
 * @param staleAfter how long a publication may stay handed to a listener without completing or failing
 *     before it counts as abandoned (its instance died); listeners take milliseconds, so this is generous
 * @param backoffBase the wait before the first redelivery of a failed publication; it doubles per attempt
 * @param backoffMax the longest wait between two deliveries of one publication
 */
@ConfigurationProperties("miyabi.events")
record EventRedeliveryProperties(
        @DefaultValue("10s") Duration redeliveryInterval,
        @DefaultValue("2m") Duration staleAfter,
        @DefaultValue("5s") Duration backoffBase,
        @DefaultValue("10m") Duration backoffMax) {

    EventRedeliveryProperties {
        for (Duration duration : new Duration[] {redeliveryInterval, staleAfter, backoffBase, backoffMax}) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("miyabi.events durations must be positive");
            }
        }
    }

    /** The wait after a publication's {@code attempts}-th delivery before the next one. */
    Duration backoff(int attempts) {
        int doublings = Math.clamp(attempts - 1L, 0, 20);
        Duration wait = backoffBase.multipliedBy(1L << doublings);
        return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
    }
}
