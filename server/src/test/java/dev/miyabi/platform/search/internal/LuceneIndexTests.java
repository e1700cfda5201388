package dev.miyabi.platform.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.UUID;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/** The index on its own, in memory. */
class LuceneIndexTests {

    /**
     * A source that leaves the index (its upload deleted) leaves nothing behind: the index closes cleanly
     * afterwards. Lucene's writer counted the memory of a replacement by no documents and never released it,
     * so closing failed ("Failed to stop bean 'searchIndex'" when an instance stopped).
     */
    @Test
    void aSourceThatLeavesTheIndexLetsItCloseCleanly() throws Exception {
        LuceneIndex index = new LuceneIndex(new ByteBuffersDirectory());
        SourceKey upload = new SourceKey(SourceType.UPLOAD, UUID.randomUUID());
        SourceKey product = new SourceKey(SourceType.PRODUCT, UUID.randomUUID());
        index.replace(upload, List.of(chunk(upload, "Quarterly figures")));
        index.replace(product, List.of(chunk(product, "Consulting hours")));
        index.refresh();

        index.replace(upload, List.of());
        index.refresh();

        assertThat(index.chunkCount()).isEqualTo(1);
        assertThatCode(index::close).doesNotThrowAnyException();
    }

    private static IndexedChunk chunk(SourceKey source, String title) {
        return new IndexedChunk(
                new Chunk(source, 0, null, "active", title, null, null, null, null, "en", title + " in detail"), null);
    }
}
