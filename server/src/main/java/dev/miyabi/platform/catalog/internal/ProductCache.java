package dev.miyabi.platform.catalog.internal;

import dev.miyabi.platform.catalog.Product;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * This instance's products by id, for {@code GET /api/products/{id}}: never older than a change acknowledged
 * to its writer, on any instance.
 *
 * <p>Every statement that writes products bumps {@code catalog_changes.version} in its transaction (a trigger,
 * see V110). A read first learns the counter from a query that <em>started after the read arrived</em>; such a
 * query is shared by every read waiting at that moment, and only one runs at a time ({@link CounterReads}), so
 * under load one tiny query serves hundreds of reads instead of one row read each. When the counter moved past
 * what the cache has accounted for, the cache is emptied before any waiting read looks at it. Hence a change
 * acknowledged before a read began (its commit, and so its bump, came before the counter was read) is never
 * hidden by an older entry. The writing instance evicts the product itself right after the commit, before it
 * answers, and accounts for the change, so its own next reads need not empty the cache; other instances empty
 * theirs once per product change — products change rarely (admins), reads are the bulk.
 *
 * <p>An entry is kept only when it was read at a counter value the cache had already accounted for (the row
 * and the counter come from one statement, so one snapshot); an older read could hold a change the cache
 * already evicted. Drafts and archived products are cached too; whether the caller may see one is decided by
 * the caller.
 */
@Component
class ProductCache {

    /** Far above any catalog this platform sells; a full cache stops taking entries until it is next emptied. */
    private static final int MAX_ENTRIES = 100_000;

    private final Map<UUID, Product> entries = new ConcurrentHashMap<>();
    /** Puts take the read lock (many at once); emptying and evicting take the write lock. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private final Products products;
    private final CounterReads counter;

    /** Every change up to this counter value is reflected in the entries; guarded by {@link #lock}. */
    private long accountedFor;

    ProductCache(Products products) {
        this.products = products;
        this.counter = new CounterReads(products);
    }

    Optional<Product> find(UUID id) {
        counter.awaitFreshRead();
        Product cached = entries.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Products.AsOf> read = products.findWithCounter(id);
        read.ifPresent(found -> put(found.product(), found.counter()));
        return read.map(Products.AsOf::product);
    }

    /**
     * After the current transaction commits (at once without one): forgets the product this transaction
     * changed and accounts for its change — {@code counter} is the value the transaction's own bump set.
     */
    void evictAfterCommit(UUID id, long counter) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    evict(id, counter);
                }
            });
        } else {
            evict(id, counter);
        }
    }

    private void evict(UUID id, long counter) {
        lock.writeLock().lock();
        try {
            entries.remove(id);
            // Only when no other change came between: product writes commit in counter order.
            if (counter == accountedFor + 1) {
                accountedFor = counter;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void put(Product product, long readAt) {
        lock.readLock().lock();
        try {
            if (readAt >= accountedFor && entries.size() < MAX_ENTRIES) {
                entries.merge(product.id(), product, (old, read) -> read.version() >= old.version() ? read : old);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Called with every counter value read, before the reads waiting for it go on. */
    private void counterRead(long counter) {
        lock.writeLock().lock();
        try {
            if (counter > accountedFor) {
                entries.clear();
                accountedFor = counter;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Reads of {@code catalog_changes.version}, one at a time, each shared by every caller that arrived while
     * the previous one ran (group commit, applied to reads). A caller waits for a read that starts after it
     * arrived: at most the one in flight plus its own.
     */
    private final class CounterReads {

        private final Products products;
        private final Object guard = new Object();
        private @Nullable CompletableFuture<Void> next;
        private boolean reading;

        CounterReads(Products products) {
            this.products = products;
        }

        void awaitFreshRead() {
            CompletableFuture<Void> round;
            boolean start = false;
            synchronized (guard) {
                if (next == null) {
                    next = new CompletableFuture<>();
                }
                round = next;
                if (!reading) {
                    reading = true;
                    start = true;
                }
            }
            if (start) {
                Thread.ofVirtual().name("catalog-counter-read").start(this::readWhileAwaited);
            }
            try {
                round.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }

        private void readWhileAwaited() {
            while (true) {
                CompletableFuture<Void> round;
                synchronized (guard) {
                    round = next;
                    next = null;
                    if (round == null) {
                        reading = false;
                        return;
                    }
                }
                try {
                    counterRead(products.catalogCounter());
                    round.complete(null);
                } catch (Throwable e) {
                    round.completeExceptionally(e);
                }
            }
        }
    }
}
