package dev.miyabi.platform.search.internal;

import dev.miyabi.platform.catalog.Catalog;
import dev.miyabi.platform.catalog.Product;
import dev.miyabi.platform.catalog.ProductEvent;
import dev.miyabi.platform.generation.CourseGenerated;
import dev.miyabi.platform.generation.DocumentGenerated;
import dev.miyabi.platform.generation.GeneratedContent;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.realtime.ClientEvents;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code search_chunks} equal to the sources: products on every catalog change, courses and
 * documents when they are stored, uploads when they arrive or leave. Each source is written in one
 * transaction that also appends a {@value #INDEXED} event to the event log, so every instance reloads
 * that source into its index once the rows are committed. New text waits for an indexing job to get its
 * vectors; it is searchable by keyword at once.
 *
 * <p>Listeners run after the change committed (Spring Modulith's registry redelivers them after a crash)
 * and read the source afresh under a per-source lock, so out-of-order deliveries still end on the
 * newest state.
 */
@Service
class ContentIndexer {

    /** The event that tells every instance to reload some sources from {@code search_chunks}. */
    static final String INDEXED = "search.indexed";

    private static final Logger log = LoggerFactory.getLogger(ContentIndexer.class);
    // The smallest UUID in PostgreSQL's (unsigned, byte-wise) order.
    private static final UUID FIRST = new UUID(0, 0);
    private static final int BATCH = 200;

    private final SearchChunks chunks;
    private final Uploads uploads;
    private final Catalog catalog;
    private final GeneratedContent content;
    private final ClientEvents events;
    private final IndexingJobs indexing;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    ContentIndexer(
            SearchChunks chunks,
            Uploads uploads,
            Catalog catalog,
            GeneratedContent content,
            ClientEvents events,
            IndexingJobs indexing,
            JdbcClient jdbc,
            TransactionTemplate transactions) {
        this.chunks = chunks;
        this.uploads = uploads;
        this.catalog = catalog;
        this.content = content;
        this.events = events;
        this.indexing = indexing;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Sources that existed before anything was indexed — a database from before the search index, or the demo
     * catalog, which is seeded without catalog events — get one reindex job at the first start that finds any
     * (after the application runners seeded the catalog and the admin). Until an admin exists the flag stays
     * set, so a later start tries again.
     */
    @EventListener(ApplicationReadyEvent.class)
    void backfillOnce() {
        transactions.executeWithoutResult(status -> {
            boolean needed = jdbc.sql("SELECT backfill_needed FROM search_indexing WHERE id = 1 FOR UPDATE")
                    .query(Boolean.class)
                    .optional()
                    .orElse(false);
            if (!needed) {
                return;
            }
            boolean anySource = !catalog.productsAfter(FIRST, 1).isEmpty()
                    || !content.courseJobsAfter(FIRST, 1).isEmpty()
                    || !content.documentJobsAfter(FIRST, 1).isEmpty();
            if (anySource && indexing.reindexForPlatform().isEmpty()) {
                return;
            }
            jdbc.sql("UPDATE search_indexing SET backfill_needed = FALSE WHERE id = 1")
                    .update();
            if (anySource) {
                log.info("Queued a reindex for the sources that existed before the search index");
            }
        });
    }

    @ApplicationModuleListener
    void on(ProductEvent event) {
        indexProduct(event.product().id());
    }

    @ApplicationModuleListener
    void on(CourseGenerated event) {
        indexCourse(event.course().jobId());
    }

    @ApplicationModuleListener
    void on(DocumentGenerated event) {
        indexDocument(event.document().jobId());
    }

    void indexProduct(UUID productId) {
        write(List.of(new SourceKey(SourceType.PRODUCT, productId)));
    }

    void indexCourse(UUID jobId) {
        write(List.of(new SourceKey(SourceType.COURSE, jobId)));
    }

    void indexDocument(UUID jobId) {
        write(List.of(new SourceKey(SourceType.DOCUMENT, jobId)));
    }

    /** The source's chunks now; empty when it no longer exists (its chunks are then removed). */
    private Optional<List<Chunk>> read(SourceKey source) {
        UUID id = source.id();
        return switch (source.type()) {
            case PRODUCT -> catalog.find(id).map(Chunker::product);
            case COURSE ->
                content.courseByJob(id)
                        .flatMap(
                                course -> content.courseContent(course.id()).map(json -> Chunker.course(course, json)));
            case DOCUMENT ->
                content.documentByJob(id)
                        .flatMap(document ->
                                content.documentContent(document.id()).map(json -> Chunker.document(document, json)));
            case UPLOAD ->
                uploads.find(id)
                        .flatMap(upload -> uploads.content(id)
                                .map(text -> Chunker.upload(
                                        id,
                                        upload.userId(),
                                        upload.title(),
                                        text,
                                        SearchLibrary.sectioned(upload.mediaType()))));
        };
    }

    /**
     * Writes the sources' chunks and announces them in one transaction (locking each source, in key order, and
     * reading it under its lock), then asks for an indexing job when new text needs vectors.
     */
    void write(List<SourceKey> sources) {
        Integer pending = transactions.execute(status -> writeLocked(sources));
        if (pending != null && pending > 0) {
            indexing.request();
        }
    }

    /**
     * Writes the sources in the caller's transaction and announces them; returns how many of their chunks need
     * vectors. A source that no longer exists loses its chunks.
     */
    int writeLocked(List<SourceKey> sources) {
        List<SourceKey> ordered = sources.stream()
                .distinct()
                .sorted(Comparator.comparing(SourceKey::toString))
                .toList();
        jdbc.sql(
                        "SELECT pg_advisory_xact_lock(hashtextextended(key, 0)) FROM unnest(:keys::text[]) AS key ORDER BY key")
                .param(
                        "keys",
                        ordered.stream().map(key -> "search-source:" + key).toArray(String[]::new))
                .query((rs, row) -> 1)
                .list();
        Map<SourceKey, List<Chunk>> current = new LinkedHashMap<>();
        for (SourceKey source : ordered) {
            current.put(source, read(source).orElse(List.of()));
        }
        int pending = chunks.replace(current);
        announce(ordered);
        return pending;
    }

    /** Appends the event that makes every instance reload these sources (in the caller's transaction). */
    void announce(Collection<SourceKey> sources) {
        events.append(
                INDEXED,
                "search",
                sources.size() == 1 ? sources.iterator().next().toString() : "batch",
                Map.of("sources", sources.stream().map(SourceKey::toString).toList()),
                List.<UUID>of(),
                List.<Role>of());
    }

    /**
     * Re-chunks every source from its module (products, courses, documents, uploads) and drops chunks of
     * sources that no longer exist. Unchanged texts keep their vectors. Returns how many sources it wrote.
     */
    long rechunkAll() {
        long written = 0;
        written += each(
                SourceType.PRODUCT,
                (after, limit) -> catalog.productsAfter(after, limit).stream()
                        .map(Product::id)
                        .toList());
        written += each(SourceType.COURSE, content::courseJobsAfter);
        written += each(SourceType.DOCUMENT, content::documentJobsAfter);
        written += each(SourceType.UPLOAD, uploads::ids);
        log.info("Re-chunked {} sources for the search index", written);
        return written;
    }

    private long each(SourceType type, BiFunction<UUID, Integer, List<UUID>> page) {
        long count = 0;
        UUID after = FIRST;
        for (List<UUID> ids = page.apply(after, BATCH); !ids.isEmpty(); ids = page.apply(after, BATCH)) {
            write(ids.stream().map(id -> new SourceKey(type, id)).toList());
            count += ids.size();
            after = ids.getLast();
        }
        // Chunks of sources their module no longer has (not possible through the API; a hand-made deletion).
        after = FIRST;
        for (List<UUID> ids = chunks.sourceIds(type, after, BATCH);
                !ids.isEmpty();
                ids = chunks.sourceIds(type, after, BATCH)) {
            List<SourceKey> gone = ids.stream()
                    .map(id -> new SourceKey(type, id))
                    .filter(source -> read(source).isEmpty())
                    .toList();
            if (!gone.isEmpty()) {
                write(gone);
            }
            after = ids.getLast();
        }
        return count;
    }
}
