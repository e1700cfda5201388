package dev.miyabi.platform.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.catalog.Product;
import dev.miyabi.platform.catalog.ProductCategory;
import dev.miyabi.platform.catalog.ProductStatus;
import dev.miyabi.platform.shared.Money;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relevance of the search on a labelled set ({@code bench/relevance}: products and graded queries of three
 * kinds — exact keywords, paraphrases sharing no word with the wanted product, mixed): nDCG@10, recall@10
 * and MRR for BM25 alone, vectors alone and the hybrid, overall and per kind. The products go through the
 * production code (chunker, Lucene index with its analyzers, all-MiniLM-L6-v2, fusion), in memory. Not part
 * of the build (its name does not end in {@code Tests}); run {@code bench/relevance.sh}.
 *
 * <p>Grades: 3 the wanted product, 2 relevant, 1 related, absent 0. nDCG uses gains {@code 2^grade − 1};
 * recall@10 counts products of grade ≥ 1 found in the top 10; MRR is the reciprocal rank of the first
 * grade-3 product (0 when it is not in the top 10).
 */
class RelevanceBenchmark {

    private static final Logger log = LoggerFactory.getLogger(RelevanceBenchmark.class);
    private static final int K = 10;

    record Metrics(double ndcg, double recall, double mrr) {}

    @Test
    void measureRelevance() throws Exception {
        Path set = Path.of(System.getProperty("bench.relevance.dir", "../bench/relevance"));
        JsonMapper json = JsonMapper.builder().build();
        JsonNode products = json.readTree(Files.readString(set.resolve("products.json")));
        JsonNode queries = json.readTree(Files.readString(set.resolve("queries.json")));
        SearchProperties defaults = new SearchProperties(
                java.time.Duration.ofDays(30),
                null,
                100,
                60,
                Double.parseDouble(System.getProperty("bench.min-similarity", "0.3")),
                Double.parseDouble(System.getProperty("bench.keyword-minimum-match", "0.75")),
                32,
                org.springframework.util.unit.DataSize.ofMegabytes(10),
                2_000_000,
                50_000,
                5,
                2000);

        Embedder embedder = new Embedder();
        Map<String, UUID> ids = new LinkedHashMap<>();
        Map<UUID, String> names = new LinkedHashMap<>();
        List<Chunk> chunks = new ArrayList<>();
        for (JsonNode product : products) {
            UUID id = UUID.nameUUIDFromBytes(product.path("id").asString().getBytes(StandardCharsets.UTF_8));
            ids.put(product.path("id").asString(), id);
            names.put(id, product.path("id").asString());
            chunks.addAll(Chunker.product(new Product(
                    id,
                    product.path("name").asString(),
                    product.path("description").asString(),
                    Money.of("10.00", "USD"),
                    ProductCategory.BUSINESS_CONSULTING,
                    ProductStatus.ACTIVE,
                    0,
                    Instant.EPOCH,
                    Instant.EPOCH)));
        }
        long started = System.nanoTime();
        List<float[]> vectors =
                embedder.embedAll(chunks.stream().map(Chunk::embeddingText).toList());
        double embedSeconds = (System.nanoTime() - started) / 1e9;

        StringBuilder report = new StringBuilder();
        try (LuceneIndex index = new LuceneIndex(new ByteBuffersDirectory())) {
            for (int i = 0; i < chunks.size(); i++) {
                index.replace(chunks.get(i).source(), List.of(new IndexedChunk(chunks.get(i), vectors.get(i))));
            }
            index.refresh();
            checkParaphrases(index, queries, products);

            Query anonymous = LuceneIndex.visibility(null, false, false, EnumSet.allOf(SourceType.class));
            HybridSearch search = new HybridSearch(index, embedder::embed, defaults.hybrid());
            Map<String, Map<String, Metrics>> table = new LinkedHashMap<>();
            for (HybridSearch.Mode mode : HybridSearch.Mode.values()) {
                Map<String, List<Metrics>> byKind = new LinkedHashMap<>();
                for (JsonNode query : queries) {
                    List<String> ranked = search.search(query.path("query").asString(), anonymous, K, mode).stream()
                            .map(found -> names.get(found.source().id()))
                            .toList();
                    Metrics metrics = metrics(ranked, grades(query));
                    byKind.computeIfAbsent("all", kind -> new ArrayList<>()).add(metrics);
                    byKind.computeIfAbsent(query.path("kind").asString(), kind -> new ArrayList<>())
                            .add(metrics);
                    log.debug(
                            "{} {} ndcg {} top {}",
                            mode,
                            query.path("id").asString(),
                            String.format(Locale.ROOT, "%.3f", metrics.ndcg()),
                            ranked);
                    if (mode == HybridSearch.Mode.HYBRID && metrics.mrr() < 1) {
                        log.info(
                                "hybrid, {} '{}': top {} (wanted {})",
                                query.path("id").asString(),
                                query.path("query").asString(),
                                ranked.subList(0, Math.min(3, ranked.size())),
                                grades(query));
                    }
                }
                Map<String, Metrics> means = new LinkedHashMap<>();
                byKind.forEach((kind, list) -> means.put(kind, mean(list)));
                table.put(mode.name().toLowerCase(Locale.ROOT), means);
            }

            Map<String, Long> kinds = new LinkedHashMap<>();
            kinds.put("all", (long) queries.size());
            for (JsonNode query : queries) {
                kinds.merge(query.path("kind").asString(), 1L, Long::sum);
            }
            report.append("| retriever | queries | nDCG@10 | recall@10 | MRR |\n|---|---|---|---|---|\n");
            for (String kind : kinds.keySet()) {
                for (var entry : table.entrySet()) {
                    Metrics m = entry.getValue().get(kind);
                    String name = switch (entry.getKey()) {
                        case "keyword" -> "BM25 alone";
                        case "semantic" -> "vectors alone";
                        default -> "hybrid (RRF)";
                    };
                    report.append(String.format(
                            Locale.ROOT,
                            "| %s | %s (%d) | %.3f | %.3f | %.3f |%n",
                            name,
                            kind,
                            kinds.get(kind),
                            m.ndcg(),
                            m.recall(),
                            m.mrr()));
                }
            }
            report.append(String.format(
                    Locale.ROOT,
                    "%n%d products embedded in %.1f s; min similarity %.2f, keyword minimum match %.2f, %d candidates per"
                            + " retriever, k = %d.%n",
                    chunks.size(),
                    embedSeconds,
                    defaults.minSimilarity(),
                    defaults.keywordMinimumMatch(),
                    defaults.candidates(),
                    defaults.rrfK()));
            Path out = Path.of("target/bench/relevance.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report.toString());
            log.info("Relevance:\n{}", report);

            Metrics hybrid = table.get("hybrid").get("all");
            assertThat(hybrid.ndcg())
                    .as("hybrid beats BM25 overall")
                    .isGreaterThan(table.get("keyword").get("all").ndcg());
            assertThat(hybrid.ndcg())
                    .as("hybrid beats vectors overall")
                    .isGreaterThan(table.get("semantic").get("all").ndcg());
            assertThat(table.get("hybrid").get("keyword").ndcg())
                    .as("hybrid does not lose to BM25 on keyword queries")
                    .isGreaterThanOrEqualTo(table.get("keyword").get("keyword").ndcg());
        }
    }

    /** A paraphrase must share no analysed word with the product it wants. */
    private static void checkParaphrases(LuceneIndex index, JsonNode queries, JsonNode products) {
        List<String> violations = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        products.forEach(p -> texts.put(
                p.path("id").asString(),
                p.path("name").asString() + " " + p.path("description").asString()));
        for (JsonNode query : queries) {
            if (!query.path("kind").asString().equals("paraphrase")) {
                continue;
            }
            Set<String> words = words(index, query.path("query").asString());
            grades(query).forEach((product, grade) -> {
                if (grade == 3) {
                    Set<String> shared = words(index, texts.get(product));
                    shared.retainAll(words);
                    if (!shared.isEmpty()) {
                        violations.add(query.path("id").asString() + " shares " + shared + " with " + product);
                    }
                }
            });
        }
        assertThat(violations)
                .as("paraphrases must share no word with the product they want")
                .isEmpty();
    }

    /** The analysed words of a text, English and Japanese. */
    private static Set<String> words(LuceneIndex index, String text) {
        LuceneIndex.Terms terms = index.terms(text);
        Set<String> words = new HashSet<>(terms.english());
        words.addAll(terms.japanese());
        return words;
    }

    private static Map<String, Integer> grades(JsonNode query) {
        Map<String, Integer> grades = new LinkedHashMap<>();
        query.path("grades")
                .properties()
                .forEach(e -> grades.put(e.getKey(), e.getValue().asInt()));
        return grades;
    }

    static Metrics metrics(List<String> ranked, Map<String, Integer> grades) {
        double dcg = 0;
        for (int i = 0; i < Math.min(K, ranked.size()); i++) {
            dcg += (Math.pow(2, grades.getOrDefault(ranked.get(i), 0)) - 1) / log2(i + 2);
        }
        List<Integer> ideal = grades.values().stream().sorted((a, b) -> b - a).toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(K, ideal.size()); i++) {
            idcg += (Math.pow(2, ideal.get(i)) - 1) / log2(i + 2);
        }
        long relevant = grades.values().stream().filter(g -> g >= 1).count();
        long found = ranked.stream()
                .limit(K)
                .filter(id -> grades.getOrDefault(id, 0) >= 1)
                .count();
        double mrr = 0;
        for (int i = 0; i < Math.min(K, ranked.size()); i++) {
            if (grades.getOrDefault(ranked.get(i), 0) == 3) {
                mrr = 1.0 / (i + 1);
                break;
            }
        }
        return new Metrics(idcg == 0 ? 0 : dcg / idcg, relevant == 0 ? 0 : (double) found / relevant, mrr);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static Metrics mean(List<Metrics> list) {
        return new Metrics(
                list.stream().mapToDouble(Metrics::ndcg).average().orElse(0),
                list.stream().mapToDouble(Metrics::recall).average().orElse(0),
                list.stream().mapToDouble(Metrics::mrr).average().orElse(0));
    }
}
