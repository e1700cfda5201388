package dev.miyabi.platform.catalog.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the catalog module ({@code miyabi.catalog.*}).
 *
 * @param countCacheTtl how long a listing's {@code total} is reused for the same filters (0 = always
 *     count); changes on the same instance reset it at once
 */
@ConfigurationProperties("miyabi.catalog")
record CatalogProperties(@DefaultValue("10s") Duration countCacheTtl) {

    CatalogProperties {
        if (countCacheTtl.isNegative()) {
            throw new IllegalArgumentException("miyabi.catalog.count-cache-ttl must not be negative");
        }
    }
}
