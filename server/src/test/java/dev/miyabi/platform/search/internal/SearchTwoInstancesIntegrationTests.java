package dev.miyabi.platform.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.SecondInstance;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Scale-out and restarts: an instance starting on a database that already has content builds its index from
 * the rows (vectors included, nothing embedded again); afterwards changes made on one instance reach the
 * other's index through the event log — create, update, archive, upload and delete.
 */
class SearchTwoInstancesIntegrationTests extends SearchFixtures {

    @Autowired
    SearchAdministration administration;

    @Test
    void aStartingInstanceBuildsItsIndexFromTheRowsAndBothStayInStep() {
        String word = unique("orbit");
        String existing =
                createProduct("Satellite " + word, "Ground station software that tracks spacecraft passes", "active");
        awaitEmbedded(SourceType.PRODUCT, existing);
        Timestamp embeddedAt = embeddedAt(existing);
        long indexingJobs = indexingJobs();

        try (ConfigurableApplicationContext instanceB = SecondInstance.start()) {
            Api onB = new Api(SecondInstance.port(instanceB));

            // Built from the rows at start: found by keyword and by meaning, nothing embedded again.
            JsonNode byWord = search(onB, null, word, "product").path("results");
            assertThat(ids(byWord)).first().isEqualTo(existing);
            assertThat(matchedBy(byWord.get(0))).contains("keyword");
            JsonNode byMeaning = search(onB, null, "tracking orbiting spacecraft from the ground", "product")
                    .path("results");
            assertThat(matchedBy(resultFor(byMeaning, existing))).contains("semantic");
            assertThat(embeddedAt(existing)).isEqualTo(embeddedAt);
            assertThat(indexingJobs()).isEqualTo(indexingJobs);

            // Created on A → found on B.
            String second = unique("lunar");
            String created = createProduct("Rover " + second, "A rover for regolith sampling", "active");
            awaitSearch(onB, null, second, "product", 5, containsId(created));

            // Replaced on B → A finds the new name only.
            String renamed = unique("mars");
            Api.Response replaced = onB.put("/api/products/" + created)
                    .token(adminSession().accessToken())
                    .header("If-Match", "*")
                    .json(Map.of(
                            "name", "Rover " + renamed,
                            "description", "A rover for regolith sampling",
                            "price", Map.of("amount", "49.00", "currency", "USD"),
                            "category", "ai_search_service",
                            "status", "active"))
                    .send();
            assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
            awaitSearch(api, null, renamed, "product", 5, containsId(created));
            awaitSearch(
                    api, null, second, "product", 5, results -> !ids(results).contains(created));

            // Archived on A → gone for customers on B, still there for admins.
            assertThat(api.delete("/api/products/" + created)
                            .token(adminSession().accessToken())
                            .send()
                            .status())
                    .isEqualTo(204);
            awaitSearch(
                    onB, null, renamed, "product", 5, results -> !ids(results).contains(created));
            assertThat(ids(search(onB, adminSession(), renamed, "product").path("results")))
                    .contains(created);

            // Uploaded on A → found on B; deleted on B → gone on A.
            Session customer = register();
            grantSearchPlan(customer);
            String secret = unique("eclipse");
            String upload = upload(
                            api,
                            customer,
                            "notes.txt",
                            "text/plain",
                            ("Observation log of the " + secret + " event.").getBytes(StandardCharsets.UTF_8))
                    .text("id");
            awaitSearch(onB, customer, secret, "upload", 5, containsId(upload));
            assertThat(onB.delete("/api/search/uploads/" + upload)
                            .token(customer.accessToken())
                            .send()
                            .status())
                    .isEqualTo(204);
            awaitSearch(
                    api, customer, secret, "upload", 5, results -> !ids(results).contains(upload));
            awaitSearch(
                    onB, customer, secret, "upload", 5, results -> !ids(results).contains(upload));

            // Both indexes hold the same passages once quiet.
            SearchIndex indexB = instanceB.getBean(SearchIndex.class);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> indexB.index().chunkCount()
                            == administration.status().indexedChunks());
        }
    }

    private Timestamp embeddedAt(String productId) {
        return jdbc.sql("SELECT embedded_at FROM search_chunks WHERE source_type = 'product' AND source_id = :id")
                .param("id", UUID.fromString(productId))
                .query(Timestamp.class)
                .single();
    }

    private long indexingJobs() {
        return jdbc.sql("SELECT count(*) FROM ai_jobs WHERE job_type = 'search_indexing'")
                .query(Long.class)
                .single();
    }
}
