package dev.miyabi.platform.search.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the search module ({@code miyabi.search.*}).
 *
 * @param accessPeriod how long one unit of a search-service product gives access (30 days by default; an
 *     order of quantity 3 gives three periods)
 */
@ConfigurationProperties("miyabi.search")
public record SearchProperties(@DefaultValue("30d") Duration accessPeriod) {

    public SearchProperties {
        if (accessPeriod.isNegative() || accessPeriod.isZero()) {
            throw new IllegalArgumentException("miyabi.search.access-period must be positive");
        }
    }
}
