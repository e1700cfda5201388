package dev.miyabi.platform.search.internal;

import dev.miyabi.platform.search.SearchResult;
import dev.miyabi.platform.search.SearchResults;
import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.FieldViolation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.search.Query;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * {@code GET /api/search}: checks the request, builds the caller's visibility filter and runs the hybrid
 * search on this instance's index. Anonymous callers find active products; signed-in users also their own
 * courses and documents, and their uploads while their search access runs; admins everything.
 */
@Service
class SearchService {

    public static final int MAX_QUERY = 500;
    public static final int MAX_LIMIT = 100;

    /** Who is searching: nobody (anonymous), a user, or an admin. */
    public record Searcher(@Nullable UUID userId, boolean admin) {

        public static final Searcher ANONYMOUS = new Searcher(null, false);
    }

    private final SearchIndex index;
    private final Embedder embedder;
    private final SearchAccessService access;
    private final SearchProperties settings;
    private final Map<String, float[]> queryVectors;

    SearchService(SearchIndex index, Embedder embedder, SearchAccessService access, SearchProperties settings) {
        this.index = index;
        this.embedder = embedder;
        this.access = access;
        this.settings = settings;
        int capacity = settings.queryCacheSize();
        this.queryVectors = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        });
    }

    public SearchResults search(
            Searcher searcher, @Nullable String q, @Nullable String types, @Nullable Integer limit) {
        long started = System.nanoTime();
        List<FieldViolation> errors = new ArrayList<>();
        String text = checkQuery("q", q, errors);
        Set<SourceType> kinds = parseTypes(types, errors);
        int max = limit == null ? 20 : limit;
        if (max < 1 || max > MAX_LIMIT) {
            errors.add(new FieldViolation("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        List<SearchResult> results = find(searcher, text, kinds, max).stream()
                .map(SearchService::result)
                .toList();
        return new SearchResults(results, (System.nanoTime() - started) / 1_000_000);
    }

    /** The hybrid search with the searcher's visibility, for answers too. */
    List<HybridSearch.Found> find(Searcher searcher, String text, Set<SourceType> kinds, int limit) {
        boolean uploads = searcher.userId() != null
                && !searcher.admin()
                && kinds.contains(SourceType.UPLOAD)
                && access.hasAccess(searcher.userId());
        Query filter = LuceneIndex.visibility(searcher.userId(), searcher.admin(), uploads, kinds);
        return new HybridSearch(index.index(), this::vector, settings.hybrid())
                .search(text, filter, limit, HybridSearch.Mode.HYBRID);
    }

    private float[] vector(String text) {
        float[] cached = queryVectors.get(text);
        if (cached == null) {
            cached = embedder.embed(text);
            queryVectors.put(text, cached);
        }
        return cached;
    }

    static String checkQuery(String field, @Nullable String value, List<FieldViolation> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldViolation(field, "must not be blank"));
            return "";
        }
        String text = value.strip();
        if (text.length() > MAX_QUERY) {
            errors.add(new FieldViolation(field, "must be at most " + MAX_QUERY + " characters"));
        }
        return text;
    }

    private static Set<SourceType> parseTypes(@Nullable String types, List<FieldViolation> errors) {
        if (types == null || types.isBlank()) {
            return EnumSet.allOf(SourceType.class);
        }
        Set<SourceType> kinds = EnumSet.noneOf(SourceType.class);
        for (String name : types.split(",", -1)) {
            SourceType type = SourceType.parse(name.strip()).orElse(null);
            if (type == null) {
                errors.add(new FieldViolation(
                        "types", "unknown type '" + name.strip() + "'; use product, course, document, upload"));
                return kinds;
            }
            kinds.add(type);
        }
        return kinds;
    }

    static SearchResult result(HybridSearch.Found found) {
        LuceneIndex.Hit chunk = found.chunk();
        return new SearchResult(
                found.source().type().value(),
                found.source().id(),
                chunk.title(),
                found.snippet(),
                Math.round(found.score() * 1_000_000) / 1_000_000.0,
                found.matchedBy().stream().map(HybridSearch.Retriever::value).toList(),
                lesson(chunk),
                section(chunk));
    }

    static SearchResult.@Nullable Lesson lesson(LuceneIndex.Hit chunk) {
        return chunk.module() == null || chunk.lesson() == null
                ? null
                : new SearchResult.Lesson(chunk.module(), chunk.lesson(), String.valueOf(chunk.heading()));
    }

    static SearchResult.@Nullable Section section(LuceneIndex.Hit chunk) {
        return chunk.section() == null ? null : new SearchResult.Section(chunk.section(), chunk.heading());
    }
}
