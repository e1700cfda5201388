package dev.miyabi.platform.search.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the search module ({@code miyabi.search.*}).
 *
 * @param accessPeriod how long one unit of a search-service product gives access (30 days by default; an
 *     order of quantity 3 gives three periods)
 * @param indexDirectory where this instance keeps its Lucene index (rebuilt from PostgreSQL at every start);
 *     empty: a fresh temporary directory, deleted at shutdown
 * @param candidates chunks each retriever (BM25, vectors) contributes before fusion
 * @param rrfK the rank constant of reciprocal rank fusion
 * @param minSimilarity cosine similarity below which a vector neighbour does not count as a match
 * @param keywordMinimumMatch share of its terms (rounded up) a query of three or more terms must match for a
 *     keyword hit
 * @param embeddingBatchSize chunks an indexing job embeds per transaction
 * @param maxUploadSize largest file accepted into a private library
 * @param maxUploadCharacters most text extracted from one upload
 * @param maxPendingChunks above this many chunks waiting for vectors, uploads are refused with 429 (retry
 *     later) so the embedding backlog stays bounded
 * @param answerPassages passages an answer is written from (and cites at most)
 * @param queryCacheSize query vectors kept (the same query is embedded once)
 */
@ConfigurationProperties("miyabi.search")
record SearchProperties(
        @DefaultValue("30d") Duration accessPeriod,
        @Nullable String indexDirectory,
        @DefaultValue("100") int candidates,
        @DefaultValue("60") int rrfK,
        @DefaultValue("0.3") double minSimilarity,
        @DefaultValue("0.75") double keywordMinimumMatch,
        @DefaultValue("64") int embeddingBatchSize,
        @DefaultValue("10MB") DataSize maxUploadSize,
        @DefaultValue("2000000") int maxUploadCharacters,
        @DefaultValue("50000") long maxPendingChunks,
        @DefaultValue("5") int answerPassages,
        @DefaultValue("2000") int queryCacheSize) {

    public SearchProperties {
        if (accessPeriod.isNegative() || accessPeriod.isZero()) {
            throw new IllegalArgumentException("miyabi.search.access-period must be positive");
        }
        if (candidates < 10 || candidates > 1000) {
            throw new IllegalArgumentException("miyabi.search.candidates must be 10-1000");
        }
        if (rrfK < 1) {
            throw new IllegalArgumentException("miyabi.search.rrf-k must be positive");
        }
        if (minSimilarity < -1 || minSimilarity > 1) {
            throw new IllegalArgumentException("miyabi.search.min-similarity must be between -1 and 1");
        }
        if (keywordMinimumMatch < 0 || keywordMinimumMatch > 1) {
            throw new IllegalArgumentException("miyabi.search.keyword-minimum-match must be between 0 and 1");
        }
        if (embeddingBatchSize < 1 || embeddingBatchSize > 512) {
            throw new IllegalArgumentException("miyabi.search.embedding-batch-size must be 1-512");
        }
        if (answerPassages < 1 || answerPassages > 20) {
            throw new IllegalArgumentException("miyabi.search.answer-passages must be 1-20");
        }
    }

    HybridSearch.Settings hybrid() {
        return new HybridSearch.Settings(candidates, rrfK, minSimilarity, keywordMinimumMatch);
    }
}
