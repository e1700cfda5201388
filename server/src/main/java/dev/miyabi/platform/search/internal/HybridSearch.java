package dev.miyabi.platform.search.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.search.Query;
import org.jspecify.annotations.Nullable;

/**
 * Hybrid retrieval: BM25 and vector KNN each rank the chunks the filter admits; each ranking is reduced to
 * sources (a source ranks where its best chunk does), and the two are fused by reciprocal rank
 * ({@code score = Σ 1 / (k + rank)}), so neither retriever's raw scores need calibrating. A source's
 * result shows its best keyword chunk when the keywords matched, else its nearest chunk.
 */
final class HybridSearch {

    /** Which retrievers run: both (the product), or one alone (for the relevance benchmark). */
    public enum Mode {
        KEYWORD,
        SEMANTIC,
        HYBRID
    }

    /** A retriever that found a result: the API's {@code matchedBy} values. */
    public enum Retriever {
        KEYWORD,
        SEMANTIC;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One source found: its fused score, who found it and the chunk to show. */
    public record Found(
            SourceKey source, double score, Set<Retriever> matchedBy, LuceneIndex.Hit chunk, String snippet) {}

    /**
     * @param candidates chunks each retriever contributes before fusion
     * @param rrfK the fusion's rank constant (60 in the original paper)
     * @param minSimilarity cosine below which a vector neighbour is not a match
     * @param keywordMinimumMatch share of the terms of a query of three or more that a keyword hit must match
     */
    public record Settings(int candidates, int rrfK, double minSimilarity, double keywordMinimumMatch) {}

    private final LuceneIndex index;
    private final Function<String, float[]> embed;
    private final Settings settings;

    public HybridSearch(LuceneIndex index, Function<String, float[]> embed, Settings settings) {
        this.index = index;
        this.embed = embed;
        this.settings = settings;
    }

    public List<Found> search(String text, Query filter, int limit, Mode mode) {
        LuceneIndex.Terms terms = index.terms(text);
        Map<SourceKey, Ranked> keyword = Map.of();
        Map<SourceKey, Ranked> semantic = Map.of();
        if (mode != Mode.SEMANTIC) {
            Query query = index.keywordQuery(terms, settings.keywordMinimumMatch());
            if (query != null) {
                keyword = bySource(index.keyword(query, filter, settings.candidates()));
            }
        }
        if (mode != Mode.KEYWORD) {
            semantic = bySource(
                    index.semantic(embed.apply(text), filter, settings.candidates(), settings.minSimilarity()));
        }
        Map<SourceKey, Fused> fused = new LinkedHashMap<>();
        keyword.forEach(
                (source, ranked) -> fused.computeIfAbsent(source, Fused::new).add(Retriever.KEYWORD, ranked));
        semantic.forEach(
                (source, ranked) -> fused.computeIfAbsent(source, Fused::new).add(Retriever.SEMANTIC, ranked));
        List<Fused> ordered = new ArrayList<>(fused.values());
        ordered.sort(Comparator.comparingDouble((Fused f) -> -f.score).thenComparing(f -> f.source.toString()));
        List<Found> found = new ArrayList<>();
        for (Fused result : ordered.subList(0, Math.min(limit, ordered.size()))) {
            LuceneIndex.Hit shown = result.keywordChunk != null ? result.keywordChunk : result.semanticChunk;
            found.add(new Found(result.source, result.score, result.matchedBy, shown, index.snippet(shown, terms)));
        }
        return found;
    }

    private record Ranked(int rank, LuceneIndex.Hit best) {}

    /** Each source at the rank (1-based, among sources) of its best chunk. */
    private static Map<SourceKey, Ranked> bySource(List<LuceneIndex.Hit> hits) {
        Map<SourceKey, Ranked> ranked = new LinkedHashMap<>();
        for (LuceneIndex.Hit hit : hits) {
            ranked.computeIfAbsent(hit.source(), source -> new Ranked(ranked.size() + 1, hit));
        }
        return ranked;
    }

    private final class Fused {
        final SourceKey source;
        final Set<Retriever> matchedBy = EnumSet.noneOf(Retriever.class);
        double score;
        LuceneIndex.@Nullable Hit keywordChunk;
        LuceneIndex.@Nullable Hit semanticChunk;

        Fused(SourceKey source) {
            this.source = source;
        }

        void add(Retriever retriever, Ranked ranked) {
            matchedBy.add(retriever);
            score += 1.0 / (settings.rrfK() + ranked.rank());
            if (retriever == Retriever.KEYWORD) {
                keywordChunk = ranked.best();
            } else {
                semanticChunk = ranked.best();
            }
        }
    }
}
