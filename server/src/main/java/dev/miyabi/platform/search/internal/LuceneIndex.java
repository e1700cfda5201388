package dev.miyabi.platform.search.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.jspecify.annotations.Nullable;

/**
 * One instance's Lucene index of chunks: BM25 over English-analysed (stemmed, stop words) and, for text
 * with kana or kanji, Kuromoji-analysed title and body fields; an HNSW graph over the chunk vectors
 * (cosine); keyword fields for visibility ({@code type}, {@code owner}, {@code status}) that every query
 * carries as a filter clause, so visibility is part of the search, never a post-filter of a top-k.
 *
 * <p>Writes replace all chunks of a source at once ({@link #replace}); {@link #refresh} makes them
 * visible to searches. Thread-safe: one writer, searchers from a {@link SearcherManager}.
 */
final class LuceneIndex implements Closeable {

    static final String KEY = "key";
    static final String TYPE = "type";
    static final String OWNER = "owner";
    static final String STATUS = "status";
    static final String TITLE_EN = "title_en";
    static final String BODY_EN = "body_en";
    static final String TITLE_JA = "title_ja";
    static final String BODY_JA = "body_ja";
    static final String VECTOR = "vector";
    static final String PUBLIC_OWNER = "public";

    private static final float TITLE_BOOST = 2.0f;
    private static final int SNIPPET_CHARACTERS = 220;

    /**
     * Lucene's 33 English stop words plus the question words, auxiliaries, pronouns and determiners people
     * put in questions ("how long does my …"): otherwise they count as terms a keyword hit must match.
     */
    static final CharArraySet STOP_WORDS = stopWords();

    private final Analyzer english = new EnglishAnalyzer(STOP_WORDS);
    private final Analyzer japanese = new JapaneseAnalyzer();
    private final Analyzer analyzer;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final UnifiedHighlighter highlighter;

    public LuceneIndex(Directory directory) {
        this.directory = directory;
        this.analyzer = new PerFieldAnalyzerWrapper(
                english, Map.of(TITLE_EN, english, BODY_EN, english, TITLE_JA, japanese, BODY_JA, japanese));
        try {
            this.writer = new IndexWriter(
                    directory,
                    new IndexWriterConfig(analyzer)
                            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                            .setRAMBufferSizeMB(64));
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.highlighter = UnifiedHighlighter.builderWithoutSearcher(analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "…", true))
                .withBreakIterator(() -> BreakIterator.getSentenceInstance(Locale.ROOT))
                .withMaxLength(20_000)
                .build();
    }

    private static CharArraySet stopWords() {
        CharArraySet words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        words.addAll(List.of(
                "how", "what", "why", "when", "where", "which", "who", "whom", "whose", "do", "does", "did", "can",
                "could", "should", "would", "may", "might", "must", "shall", "i", "me", "my", "we", "us", "our", "you",
                "your", "he", "him", "his", "she", "her", "its", "them", "am", "been", "being", "have", "has", "had",
                "from", "about", "any", "some", "so", "than", "too", "very"));
        return CharArraySet.unmodifiableSet(words);
    }

    // --- writing -----------------------------------------------------------------------------------

    /** Replaces every chunk of the source with these (none: the source leaves the index). */
    public void replace(SourceKey source, List<IndexedChunk> chunks) {
        Term key = new Term(KEY, source.toString());
        try {
            if (chunks.isEmpty()) {
                // Not updateDocuments with no documents: Lucene's writer then counts a buffer it never
                // releases, and closing the index fails.
                writer.deleteDocuments(key);
                return;
            }
            List<Document> documents =
                    chunks.stream().map(LuceneIndex::document).toList();
            writer.updateDocuments(key, documents);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds chunks to a fresh index (no source of theirs is in it yet). */
    public void add(List<IndexedChunk> chunks) {
        try {
            writer.addDocuments(chunks.stream().map(LuceneIndex::document).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void clear() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the writes so far visible to searches. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int chunkCount() {
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    private static Document document(IndexedChunk indexed) {
        Chunk chunk = indexed.chunk();
        Document doc = new Document();
        doc.add(new StringField(KEY, chunk.source().toString(), Field.Store.YES));
        doc.add(new StringField(TYPE, chunk.source().type().value(), Field.Store.NO));
        doc.add(new StringField(
                OWNER, chunk.ownerId() == null ? PUBLIC_OWNER : chunk.ownerId().toString(), Field.Store.NO));
        doc.add(new StringField(STATUS, chunk.status(), Field.Store.NO));
        String title = chunk.heading() == null ? chunk.title() : chunk.title() + "\n" + chunk.heading();
        doc.add(new TextField(TITLE_EN, title, Field.Store.NO));
        doc.add(new TextField(BODY_EN, chunk.body(), Field.Store.NO));
        if (chunk.hasJapanese()) {
            doc.add(new TextField(TITLE_JA, title, Field.Store.NO));
            doc.add(new TextField(BODY_JA, chunk.body(), Field.Store.NO));
        }
        doc.add(new IntField("ordinal", chunk.ordinal(), Field.Store.YES));
        doc.add(new StoredField("title", chunk.title()));
        if (chunk.heading() != null) {
            doc.add(new StoredField("heading", chunk.heading()));
        }
        if (chunk.module() != null) {
            doc.add(new StoredField("module", chunk.module()));
        }
        if (chunk.lesson() != null) {
            doc.add(new StoredField("lesson", chunk.lesson()));
        }
        if (chunk.section() != null) {
            doc.add(new StoredField("section", chunk.section()));
        }
        doc.add(new StoredField("language", chunk.language()));
        doc.add(new StoredField("body", chunk.body()));
        if (indexed.embedding() != null) {
            doc.add(new KnnFloatVectorField(VECTOR, indexed.embedding(), VectorSimilarityFunction.COSINE));
        }
        return doc;
    }

    // --- queries -----------------------------------------------------------------------------------

    /** The analysed query: the English terms (and the Japanese ones when the text has kana or kanji). */
    public record Terms(List<String> english, List<String> japanese) {

        public boolean isEmpty() {
            return english.isEmpty() && japanese.isEmpty();
        }
    }

    public Terms terms(String query) {
        boolean japaneseQuery = Texts.hasJapanese(query);
        List<String> englishTerms = analyze(english, BODY_EN, query).stream()
                // Kanji and kana reach the English analyzer as single characters: the Japanese side matches them.
                .filter(term -> !japaneseQuery || !Texts.hasJapanese(term))
                .toList();
        List<String> japaneseTerms = japaneseQuery ? analyze(japanese, BODY_JA, query) : List.of();
        return new Terms(englishTerms, japaneseTerms);
    }

    /**
     * BM25 over the title (boosted) and body fields; null when the query has no searchable term. A query of
     * three or more terms must match at least {@code minimumMatch} of them (rounded up): a long, descriptive
     * query otherwise matches every passage that shares one incidental word with it, and those keyword hits
     * would crowd out what the meaning finds.
     */
    public @Nullable Query keywordQuery(Terms terms, double minimumMatch) {
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        terms.english().forEach(term -> query.add(term(TITLE_EN, BODY_EN, term), BooleanClause.Occur.SHOULD));
        terms.japanese().forEach(term -> query.add(term(TITLE_JA, BODY_JA, term), BooleanClause.Occur.SHOULD));
        int count = terms.english().size() + terms.japanese().size();
        if (count >= 3) {
            query.setMinimumNumberShouldMatch((int) Math.ceil(count * minimumMatch));
        }
        return query.build();
    }

    private static Query term(String titleField, String bodyField, String term) {
        return new BooleanQuery.Builder()
                .add(new BoostQuery(new TermQuery(new Term(titleField, term)), TITLE_BOOST), BooleanClause.Occur.SHOULD)
                .add(new TermQuery(new Term(bodyField, term)), BooleanClause.Occur.SHOULD)
                .build();
    }

    /** One chunk found, with what the result and its snippet need. */
    public record Hit(
            SourceKey source,
            int ordinal,
            float score,
            String title,
            @Nullable String heading,
            @Nullable Integer module,
            @Nullable Integer lesson,
            @Nullable Integer section,
            String body) {}

    /** The best {@code n} chunks by BM25 among those {@code filter} admits. */
    public List<Hit> keyword(Query keywordQuery, Query filter, int n) {
        Query query = new BooleanQuery.Builder()
                .add(keywordQuery, BooleanClause.Occur.MUST)
                .add(filter, BooleanClause.Occur.FILTER)
                .build();
        return withSearcher(searcher -> hits(searcher, searcher.search(query, n)));
    }

    /**
     * The {@code n} nearest chunk vectors (HNSW) among those {@code filter} admits — the filter is applied
     * while the graph is searched (exactly, when it admits few chunks) — with a cosine of at least
     * {@code minSimilarity}.
     */
    public List<Hit> semantic(float[] vector, Query filter, int n, double minSimilarity) {
        Query query = new KnnFloatVectorQuery(VECTOR, vector, n, filter);
        // Lucene scores a cosine c as (1 + c) / 2.
        float minScore = (float) ((1 + minSimilarity) / 2);
        return withSearcher(searcher -> hits(searcher, searcher.search(query, n)).stream()
                .filter(hit -> hit.score() >= minScore)
                .toList());
    }

    /**
     * The passage of {@code hit} around the query's words, HTML-escaped, with every match in
     * {@code <mark>…</mark>}; the start of the passage (escaped) when no word matches.
     */
    public String snippet(Hit hit, Terms terms) {
        try {
            for (String field : terms.japanese().isEmpty() ? List.of(BODY_EN) : List.of(BODY_JA, BODY_EN)) {
                List<String> fieldTerms = field.equals(BODY_JA) ? terms.japanese() : terms.english();
                if (fieldTerms.isEmpty()) {
                    continue;
                }
                BooleanQuery.Builder query = new BooleanQuery.Builder();
                fieldTerms.forEach(term -> query.add(new TermQuery(new Term(field, term)), BooleanClause.Occur.SHOULD));
                Object highlighted = highlighter.highlightWithoutSearcher(field, query.build(), hit.body(), 1);
                if (highlighted instanceof String text && text.contains("<mark>")) {
                    return trim(text);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String start = hit.body().length() <= SNIPPET_CHARACTERS
                ? hit.body()
                : hit.body().substring(0, SNIPPET_CHARACTERS).strip() + "…";
        return escape(start);
    }

    /** Keeps a long highlighted passage near its first match. */
    private static String trim(String passage) {
        if (passage.length() <= SNIPPET_CHARACTERS * 2) {
            return passage;
        }
        int mark = passage.indexOf("<mark>");
        int from = Math.max(0, mark - SNIPPET_CHARACTERS / 3);
        while (from > 0 && passage.charAt(from) != ' ') {
            from--;
        }
        int to = Math.min(passage.length(), from + SNIPPET_CHARACTERS * 2);
        int close = passage.lastIndexOf("</mark>", to);
        int open = passage.lastIndexOf("<mark>", to);
        if (open > close) {
            to = passage.indexOf("</mark>", open) + "</mark>".length();
        }
        int entity = passage.lastIndexOf('&', to);
        if (entity > passage.lastIndexOf(';', to)) {
            to = entity;
        }
        return (from > 0 ? "…" : "") + passage.substring(from, to).strip() + (to < passage.length() ? "…" : "");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                case '/' -> out.append("&#x2F;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    // --- visibility --------------------------------------------------------------------------------

    /**
     * Who may see what, as a filter clause: active products for everyone; a signed-in user's own courses,
     * documents and (with {@code includeOwnUploads}) uploads; everything for admins. {@code types} narrows
     * to the asked kinds.
     */
    public static Query visibility(
            @Nullable UUID userId, boolean admin, boolean includeOwnUploads, Set<SourceType> types) {
        BooleanQuery.Builder kinds = new BooleanQuery.Builder();
        types.forEach(type -> kinds.add(new TermQuery(new Term(TYPE, type.value())), BooleanClause.Occur.SHOULD));
        BooleanQuery.Builder filter = new BooleanQuery.Builder().add(kinds.build(), BooleanClause.Occur.FILTER);
        if (admin) {
            return filter.build();
        }
        BooleanQuery.Builder visible = new BooleanQuery.Builder();
        visible.add(
                new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(TYPE, SourceType.PRODUCT.value())), BooleanClause.Occur.FILTER)
                        .add(new TermQuery(new Term(STATUS, "active")), BooleanClause.Occur.FILTER)
                        .build(),
                BooleanClause.Occur.SHOULD);
        if (userId != null) {
            BooleanQuery.Builder own = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(OWNER, userId.toString())), BooleanClause.Occur.FILTER);
            if (!includeOwnUploads) {
                own.add(new TermQuery(new Term(TYPE, SourceType.UPLOAD.value())), BooleanClause.Occur.MUST_NOT);
            }
            visible.add(own.build(), BooleanClause.Occur.SHOULD);
        }
        return filter.add(visible.build(), BooleanClause.Occur.FILTER).build();
    }

    // --- plumbing ----------------------------------------------------------------------------------

    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Hit> hits(IndexSearcher searcher, TopDocs top) throws IOException {
        StoredFields stored = searcher.storedFields();
        List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc scoreDoc : top.scoreDocs) {
            Document doc = stored.document(scoreDoc.doc);
            hits.add(new Hit(
                    SourceKey.parse(doc.get(KEY)),
                    doc.getField("ordinal").numericValue().intValue(),
                    scoreDoc.score,
                    doc.get("title"),
                    doc.get("heading"),
                    integer(doc, "module"),
                    integer(doc, "lesson"),
                    integer(doc, "section"),
                    doc.get("body")));
        }
        return hits;
    }

    private static @Nullable Integer integer(Document doc, String field) {
        var value = doc.getField(field);
        return value == null ? null : value.numericValue().intValue();
    }

    private static List<String> analyze(Analyzer analyzer, String field, String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(field, new StringReader(text))) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(terms);
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }
}
