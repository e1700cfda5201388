package dev.miyabi.platform.catalog.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps the {@code total} of product listings for a short while, per filter. Counting is the one
 * part of a listing that grows with the catalog (a page is read from an index in well under a
 * millisecond; counting 90 000 active products or the matches of a common search term takes tens
 * to hundreds). Any product change on this instance forgets every count once it commits; other
 * instances' counts are at most {@code miyabi.catalog.count-cache-ttl} old. A TTL of zero turns it
 * off.
 */
@Component
class ProductCounts {

    private static final int MAX_ENTRIES = 10_000;

    private record Entry(long count, Instant expires) {}

    private final Map<ProductSearch, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final Duration ttl;
    private final Clock clock;

    ProductCounts(CatalogProperties properties, Clock clock) {
        this.ttl = properties.countCacheTtl();
        this.clock = clock;
    }

    long count(ProductSearch search, LongSupplier counter) {
        if (ttl.isZero()) {
            return counter.getAsLong();
        }
        Instant now = clock.instant();
        Entry cached = entries.get(search);
        if (cached != null && cached.expires().isAfter(now)) {
            return cached.count();
        }
        long seen = generation.get();
        long count = counter.getAsLong();
        if (generation.get() == seen) {
            // Counted entirely after the last change on this instance, so it may be kept.
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(search, new Entry(count, now.plus(ttl)));
        }
        return count;
    }

    /** Forgets every count when the current transaction commits (at once when there is none). */
    void forgetAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    forget();
                }
            });
        } else {
            forget();
        }
    }

    void forget() {
        generation.incrementAndGet();
        entries.clear();
    }
}
