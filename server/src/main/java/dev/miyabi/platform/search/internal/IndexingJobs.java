package dev.miyabi.platform.search.internal;

import dev.miyabi.platform.aijobs.AiJobs;
import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.aijobs.JobContext;
import dev.miyabi.platform.aijobs.JobStatus;
import dev.miyabi.platform.aijobs.NewJob;
import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.identity.UserDirectory;
import dev.miyabi.platform.identity.UserSummary;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The indexing jobs of ContentSearchAgent (203) on the AI job queue (type {@value #TYPE}): embed every
 * chunk still without a vector, batch by batch, and — for a reindex — first re-chunk every source.
 *
 * <p>Backpressure: requests coalesce into at most one queued indexing job (the slot {@code
 * search_indexing}); a running job keeps taking batches until nothing is pending, so a burst of changes
 * costs one job, not one per change, and embedding never runs on a request thread. Indexing jobs are
 * platform work: they belong to the first admin account (a job needs an owner), so customers never see
 * them among their jobs.
 */
@Component
class IndexingJobs {

    static final String TYPE = "search_indexing";

    private static final Logger log = LoggerFactory.getLogger(IndexingJobs.class);

    private final AiJobs jobs;
    private final UserDirectory users;
    private final SearchChunks chunks;
    private final Embedder embedder;
    private final SearchProperties settings;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    // The indexer asks for jobs and the jobs re-chunk through the indexer.
    private final ObjectProvider<ContentIndexer> indexer;

    IndexingJobs(
            AiJobs jobs,
            UserDirectory users,
            SearchChunks chunks,
            Embedder embedder,
            SearchProperties settings,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            ObjectProvider<ContentIndexer> indexer) {
        this.jobs = jobs;
        this.users = users;
        this.chunks = chunks;
        this.embedder = embedder;
        this.settings = settings;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.indexer = indexer;
    }

    /** Passages left without vectors (a job that failed for good, an interrupted fill) get a job at start. */
    @EventListener(ApplicationReadyEvent.class)
    void resumePending() {
        if (chunks.pending() > 0) {
            request();
        }
    }

    /** Makes sure an indexing job is queued (unless one already waits); returns it, if one could be queued. */
    Optional<Job> request() {
        return Optional.ofNullable(transactions.execute(status -> enqueue(false, null)));
    }

    /** Queues a reindex: re-chunk every source, then embed what changed. {@code by} owns the job. */
    Job reindex(UUID by) {
        return transactions.execute(status -> enqueue(true, by));
    }

    /** Queues a reindex owned by the first admin, in the caller's transaction; empty while there is none. */
    Optional<Job> reindexForPlatform() {
        return Optional.ofNullable(enqueue(true, null));
    }

    private @Nullable Job enqueue(boolean rechunk, @Nullable UUID owner) {
        UUID slot = jdbc.sql("SELECT job_id FROM search_indexing WHERE id = 1 FOR UPDATE")
                .query(UUID.class)
                .optional()
                .orElse(null);
        if (!rechunk && slot != null) {
            Optional<Job> waiting = jobs.find(slot).filter(job -> job.status() == JobStatus.QUEUED);
            if (waiting.isPresent()) {
                return waiting.get();
            }
        }
        UUID user = owner != null
                ? owner
                : users.withRole(Role.ADMIN).stream()
                        .map(UserSummary::id)
                        .findFirst()
                        .orElse(null);
        if (user == null) {
            log.warn("No admin account owns indexing jobs yet; pending chunks wait for the next request");
            return null;
        }
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("rechunk", rechunk);
        Job job = jobs.enqueue(NewJob.of(TYPE, input, user).withMaxAttempts(5));
        if (!rechunk) {
            jdbc.sql("UPDATE search_indexing SET job_id = :job WHERE id = 1")
                    .param("job", job.id())
                    .update();
        }
        return job;
    }

    /** The board task's title for a job. */
    static String title(JobContext job) {
        return job.input().path("rechunk").asBoolean(false)
                ? "Reindex all searchable content"
                : "Embed new searchable passages";
    }

    /**
     * Runs one indexing job: re-chunk (a durable step, once per job) when asked, then embed batches until
     * none is pending, honouring cancellation between batches. Returns what it did.
     */
    JsonNode run(JobContext job) throws Exception {
        long rechunked = 0;
        if (job.input().path("rechunk").asBoolean(false)) {
            job.progress("Re-chunking every source");
            rechunked = job.step(
                            "rechunk",
                            () -> JsonNodeFactory.instance.numberNode(
                                    indexer.getObject().rechunkAll()))
                    .asLong();
        }
        long embedded = 0;
        long started = System.nanoTime();
        while (true) {
            job.checkpoint();
            Integer done = transactions.execute(status -> embedBatch());
            if (done == null || done == 0) {
                break;
            }
            embedded += done;
            job.progress("Embedded " + embedded + " passages");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (embedded > 0) {
            log.info(
                    "Embedded {} passages in {} s ({} per second)",
                    embedded,
                    String.format("%.1f", seconds),
                    String.format("%.0f", embedded / Math.max(seconds, 1e-3)));
        }
        return JsonNodeFactory.instance
                .objectNode()
                .put("rechunkedSources", rechunked)
                .put("embeddedChunks", embedded)
                .put("seconds", Math.round(seconds * 10) / 10.0)
                .put("model", Embedder.MODEL);
    }

    /** Embeds one batch of pending chunks (locked, so two jobs never embed the same ones); returns its size. */
    private int embedBatch() {
        List<Chunk> batch = chunks.claimPending(settings.embeddingBatchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        List<float[]> vectors =
                embedder.embedAll(batch.stream().map(Chunk::embeddingText).toList());
        Set<SourceKey> sources = new LinkedHashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            chunks.storeEmbedding(batch.get(i), vectors.get(i));
            sources.add(batch.get(i).source());
        }
        indexer.getObject().announce(new ArrayList<>(sources));
        return batch.size();
    }
}
