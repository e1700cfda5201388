package dev.miyabi.platform.search.internal;

import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.identity.CurrentUser;
import org.springframework.stereotype.Service;

/** The admin's view of the search index and the reindex command. */
@Service
class SearchAdministration {

    private final SearchChunks chunks;
    private final SearchIndex index;
    private final IndexingJobs indexing;

    SearchAdministration(SearchChunks chunks, SearchIndex index, IndexingJobs indexing) {
        this.chunks = chunks;
        this.index = index;
        this.indexing = indexing;
    }

    /**
     * @param chunks passages in PostgreSQL
     * @param pendingEmbeddings passages still waiting for their vectors
     * @param indexedChunks passages in this instance's index
     * @param reloadedSources sources this instance reloaded from events since it started
     * @param embeddingModel the model of the vectors
     */
    public record IndexStatus(
            long chunks, long pendingEmbeddings, long indexedChunks, long reloadedSources, String embeddingModel) {}

    public IndexStatus status() {
        SearchChunks.Counts counts = chunks.counts();
        return new IndexStatus(
                counts.chunks(), counts.pending(), index.index().chunkCount(), index.reloads(), Embedder.MODEL);
    }

    /** Queues a reindex job owned by the admin: every source re-chunked, changed texts embedded. */
    public Job reindex(CurrentUser admin) {
        return indexing.reindex(admin.id());
    }
}
