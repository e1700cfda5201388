package dev.miyabi.platform.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.generation.GenerationFixtures;
import dev.miyabi.platform.support.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Helpers of the search tests: search plans, searches over HTTP, waiting for the index. */
abstract class SearchFixtures extends GenerationFixtures {

    @Autowired
    SearchAccessService access;

    /** Gives the user a running search plan, as a paid search-service order does. */
    void grantSearchPlan(Session user) {
        access.grant(user.id(), null, null, "Test search plan", 1);
    }

    Api.Response searchRequest(Api api, @Nullable Session caller, String query) {
        return api.get("/api/search?" + query)
                .token(caller == null ? null : caller.accessToken())
                .send();
    }

    JsonNode search(Api api, @Nullable Session caller, String q, String types) {
        Api.Response response =
                searchRequest(api, caller, "q=" + encode(q) + (types.isEmpty() ? "" : "&types=" + types) + "&limit=50");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    JsonNode search(@Nullable Session caller, String q) {
        return search(api, caller, q, "");
    }

    /** Waits (at most {@code seconds}) until the search answers with results that satisfy {@code condition}. */
    JsonNode awaitSearch(
            Api api, @Nullable Session caller, String q, String types, int seconds, Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(seconds))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> search(api, caller, q, types).path("results"), condition);
    }

    static List<String> ids(JsonNode results) {
        List<String> ids = new ArrayList<>();
        results.forEach(result -> ids.add(result.path("id").asString()));
        return ids;
    }

    static Predicate<JsonNode> containsId(Object id) {
        return results -> ids(results).contains(id.toString());
    }

    static @Nullable JsonNode resultFor(JsonNode results, Object id) {
        for (JsonNode result : results) {
            if (result.path("id").asString().equals(id.toString())) {
                return result;
            }
        }
        return null;
    }

    static List<String> matchedBy(JsonNode result) {
        return result.path("matchedBy").valueStream().map(JsonNode::asString).toList();
    }

    String createProduct(String name, String description, String status) {
        Api.Response created = api.post("/api/products")
                .token(adminSession().accessToken())
                .json(Map.of(
                        "name",
                        name,
                        "description",
                        description,
                        "price",
                        Map.of("amount", "49.00", "currency", "USD"),
                        "category",
                        "ai_search_service",
                        "status",
                        status))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    Api.Response upload(Api api, Session user, String filename, String contentType, byte[] content) {
        return api.post("/api/search/uploads")
                .token(user.accessToken())
                .multipart("file", filename, contentType, content)
                .send();
    }

    /** Waits until every passage of the source has its vector. */
    void awaitEmbedded(SourceType type, Object id) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> jdbc.sql("""
                                SELECT count(*) = count(embedding) AND count(*) > 0 FROM search_chunks
                                WHERE source_type = :type AND source_id = :id
                                """)
                        .param("type", type.value())
                        .param("id", UUID.fromString(id.toString()))
                        .query(Boolean.class)
                        .single());
    }

    static String unique(String prefix) {
        // Letters only, so the English analyzer keeps it as one term.
        StringBuilder word = new StringBuilder(prefix);
        UUID.randomUUID()
                .toString()
                .chars()
                .filter(Character::isLetterOrDigit)
                .limit(10)
                .forEach(c -> word.append((char) ('a' + (Character.isDigit(c) ? c - '0' : c - 'a' + 10) % 26)));
        return word.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
