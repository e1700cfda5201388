package dev.miyabi.platform.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets what no rule needs any more: old sign-in failures, ended sessions, expired reset links and old
 * request counters. Safe on every instance.
 */
@Component
class IdentityMaintenance {

    private static final Logger log = LoggerFactory.getLogger(IdentityMaintenance.class);
    private static final Duration ENDED_SESSION_RETENTION = Duration.ofDays(7);

    private final LoginThrottle throttle;
    private final RefreshTokens refreshTokens;
    private final AccountService accounts;
    private final IdentityProperties properties;
    private final Clock clock;

    IdentityMaintenance(
            LoginThrottle throttle,
            RefreshTokens refreshTokens,
            AccountService accounts,
            IdentityProperties properties,
            Clock clock) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.refreshTokens = refreshTokens;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void purge() {
        Instant now = clock.instant();
        int failures = throttle.purgeOlderThan(
                now.minus(properties.auth().throttleWindow().multipliedBy(2)));
        int families = refreshTokens.purgeEndedBefore(now.minus(ENDED_SESSION_RETENTION));
        // Reset links and request counters: a day after they ended no rule reads them.
        int other = accounts.purge(now.minus(Duration.ofDays(1)));
        if (failures + families + other > 0) {
            log.info(
                    "Purged {} old sign-in failures, {} ended sessions and {} old reset links and counters",
                    failures,
                    families,
                    other);
        }
    }
}
