package dev.miyabi.platform.search.internal;

import dev.miyabi.platform.realtime.ClientEvent;
import dev.miyabi.platform.realtime.ClientEventSubscriber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.apache.lucene.store.FSDirectory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * This instance's search index and what keeps it equal to {@code search_chunks}: at start it is built from
 * the rows (vectors included, nothing is embedded again) before the instance takes traffic; afterwards
 * every {@value ContentIndexer#INDEXED} event of the log — from this instance or any other, in id order
 * with catch-up — names sources that a background thread reloads from their rows (reading the current rows
 * makes every reload idempotent, so late or repeated events do no harm).
 */
@Component
class SearchIndex implements ClientEventSubscriber, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    private static final int LOAD_BATCH = 500;
    private static final long REFRESH_INTERVAL_MS = 500;

    private final SearchChunks chunks;
    private final Embedder embedder;
    private final SearchProperties settings;
    private final TransactionTemplate readOnly;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<SourceKey> dirty = new LinkedHashSet<>();
    private long reloads;
    // Each marking of dirty sources takes the next generation; a generation is visible once the worker has
    // taken every source marked up to it, reloaded them and refreshed the searcher.
    private long marked;
    private long visible;

    private volatile @Nullable LuceneIndex index;
    private volatile boolean running;
    private @Nullable Thread worker;
    private @Nullable Path temporary;

    SearchIndex(SearchChunks chunks, Embedder embedder, SearchProperties settings, TransactionTemplate transactions) {
        this.chunks = chunks;
        this.embedder = embedder;
        this.settings = settings;
        this.readOnly = new TransactionTemplate(java.util.Objects.requireNonNull(transactions.getTransactionManager()));
        this.readOnly.setReadOnly(true);
    }

    /** The index, once built. */
    public LuceneIndex index() {
        LuceneIndex current = index;
        if (current == null) {
            throw new IllegalStateException("The search index is not built yet");
        }
        return current;
    }

    /** Sources reloaded from events since start. */
    long reloads() {
        lock.lock();
        try {
            return reloads;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onClientEvent(ClientEvent event) {
        if (!ContentIndexer.INDEXED.equals(event.type())) {
            return;
        }
        List<SourceKey> sources = new ArrayList<>();
        for (JsonNode source : event.payload().path("sources")) {
            try {
                sources.add(SourceKey.parse(source.asString("")));
            } catch (IllegalArgumentException e) {
                log.warn("Ignoring a malformed source in event {}: {}", event.id(), e.getMessage());
            }
        }
        markDirty(sources);
    }

    /**
     * Reloads these sources into this instance's index now and waits until searches see them, at most {@code
     * timeout}: the writer of a change finds it at once on the instance that took it (other instances reload
     * it from the change's event). Returns false if the wait timed out; the reload still happens.
     */
    boolean reloadAndWait(Collection<SourceKey> sources, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            long generation = markDirty(sources);
            while (visible < generation) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !running) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private long markDirty(Collection<SourceKey> sources) {
        lock.lock();
        try {
            dirty.addAll(sources);
            changed.signalAll();
            return ++marked;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        long started = System.nanoTime();
        // Every search embeds its query: the model is loaded before the instance takes traffic.
        embedder.load();
        LuceneIndex built = new LuceneIndex(openDirectory());
        int[] count = {0};
        readOnly.executeWithoutResult(status -> {
            List<IndexedChunk> batch = new ArrayList<>();
            chunks.forEach(chunk -> {
                batch.add(chunk);
                count[0]++;
                if (batch.size() == LOAD_BATCH) {
                    built.add(batch);
                    batch.clear();
                }
            });
            built.add(batch);
        });
        built.refresh();
        index = built;
        running = true;
        Thread thread = Thread.ofPlatform().name("search-indexer").daemon().unstarted(this::work);
        worker = thread;
        thread.start();
        log.info(
                "Search index built from {} chunks in {} ms",
                count[0],
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private FSDirectory openDirectory() {
        try {
            Path path;
            if (settings.indexDirectory() == null || settings.indexDirectory().isBlank()) {
                path = Files.createTempDirectory("miyabi-search-");
                temporary = path;
            } else {
                path = Path.of(settings.indexDirectory());
                Files.createDirectories(path);
            }
            return FSDirectory.open(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index directory", e);
        }
    }

    /**
     * Reloads dirty sources from their rows, a batch at a time, until stopped. Searches see the changes when
     * nothing more is waiting, and at least every {@value #REFRESH_INTERVAL_MS} ms under a steady stream
     * (each refresh opens a new segment, and merging segments rebuilds their vector graphs).
     */
    private void work() {
        long lastRefresh = System.nanoTime();
        while (running) {
            List<SourceKey> batch;
            boolean more;
            long generation;
            lock.lock();
            try {
                while (running && dirty.isEmpty()) {
                    changed.await();
                }
                batch = dirty.stream().limit(LOAD_BATCH).toList();
                batch.forEach(dirty::remove);
                more = !dirty.isEmpty();
                generation = marked;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            if (batch.isEmpty()) {
                continue;
            }
            try {
                reload(batch);
                if (!more || System.nanoTime() - lastRefresh > TimeUnit.MILLISECONDS.toNanos(REFRESH_INTERVAL_MS)) {
                    index().refresh();
                    lastRefresh = System.nanoTime();
                    if (!more) {
                        showGeneration(generation);
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Could not reload {} sources into the search index; retrying", batch.size(), e);
                lock.lock();
                try {
                    dirty.addAll(batch);
                    changed.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private void showGeneration(long generation) {
        lock.lock();
        try {
            visible = Math.max(visible, generation);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void reload(List<SourceKey> sources) {
        Map<SourceKey, List<IndexedChunk>> bySource = new LinkedHashMap<>();
        sources.forEach(source -> bySource.put(source, new ArrayList<>()));
        for (IndexedChunk chunk : chunks.load(sources)) {
            bySource.computeIfAbsent(chunk.chunk().source(), key -> new ArrayList<>())
                    .add(chunk);
        }
        LuceneIndex current = index();
        bySource.forEach(current::replace);
        lock.lock();
        try {
            reloads += sources.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stop() {
        running = false;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        Thread thread = worker;
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LuceneIndex current = index;
        index = null;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                log.warn("Could not close the search index", e);
            }
        }
        deleteTemporary();
    }

    private void deleteTemporary() {
        Path path = temporary;
        if (path == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.warn("Could not delete the search index directory {}", path, e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
