package dev.miyabi.platform.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProductCountsTests {

    private static final ProductSearch ACTIVE =
            new ProductSearch(null, null, dev.miyabi.platform.catalog.ProductStatus.ACTIVE, null, null, null);
    private static final ProductSearch ALL = new ProductSearch(null, null, null, null, null, null);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T07:00:00Z"));
    private final AtomicLong counted = new AtomicLong();

    @Test
    void aCountIsReusedForTheSameFiltersUntilItExpires() {
        ProductCounts counts = new ProductCounts(new CatalogProperties(Duration.ofSeconds(10)), clock);

        assertThat(counts.count(ACTIVE, () -> count(5))).isEqualTo(5);
        assertThat(counts.count(ACTIVE, () -> count(6))).isEqualTo(5);
        assertThat(counts.count(ALL, () -> count(7))).isEqualTo(7);
        clock.advance(Duration.ofSeconds(10));
        assertThat(counts.count(ACTIVE, () -> count(8))).isEqualTo(8);
        assertThat(counted).hasValue(3);
    }

    @Test
    void aChangeForgetsEveryCount() {
        ProductCounts counts = new ProductCounts(new CatalogProperties(Duration.ofSeconds(10)), clock);
        counts.count(ACTIVE, () -> count(5));

        counts.forgetAfterCommit();

        assertThat(counts.count(ACTIVE, () -> count(6))).isEqualTo(6);
    }

    @Test
    void aCountThatRacedAChangeIsNotKept() {
        ProductCounts counts = new ProductCounts(new CatalogProperties(Duration.ofSeconds(10)), clock);

        assertThat(counts.count(ACTIVE, () -> {
                    counts.forget();
                    return count(5);
                }))
                .isEqualTo(5);

        assertThat(counts.count(ACTIVE, () -> count(6))).isEqualTo(6);
    }

    @Test
    void aZeroTtlAlwaysCounts() {
        ProductCounts counts = new ProductCounts(new CatalogProperties(Duration.ZERO), clock);

        counts.count(ACTIVE, () -> count(1));
        counts.count(ACTIVE, () -> count(1));

        assertThat(counted).hasValue(2);
    }

    private long count(long value) {
        counted.incrementAndGet();
        return value;
    }
}
