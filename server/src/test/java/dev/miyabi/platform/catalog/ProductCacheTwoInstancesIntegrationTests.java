package dev.miyabi.platform.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.IntegrationTest;
import dev.miyabi.platform.support.SecondInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code GET /api/products/{id}} is served from a per-instance cache; two instances on one database must never
 * serve a product older than a change acknowledged to its writer — whichever instance wrote it, and also when
 * the change was made with SQL, past the application.
 */
class ProductCacheTwoInstancesIntegrationTests extends IntegrationTest {

    private static final int UPDATES = 30;

    @Test
    void neitherInstanceServesAProductOlderThanAnAcknowledgedUpdate() throws Exception {
        try (ConfigurableApplicationContext instanceB = SecondInstance.start()) {
            Api apiB = new Api(SecondInstance.port(instanceB));
            List<Api> instances = List.of(api, apiB);
            String admin = admin().accessToken();
            String id = create(admin);

            // The version acknowledged last: a read that starts after it was set must see at least it.
            AtomicLong acknowledged = new AtomicLong(0);
            AtomicBoolean writing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> stale = new ConcurrentLinkedQueue<>();
            AtomicLong reads = new AtomicLong();
            List<Future<?>> readers = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int reader = 0; reader < 8; reader++) {
                    Api on = instances.get(reader % 2);
                    String name = reader % 2 == 0 ? "A" : "B";
                    readers.add(pool.submit(() -> {
                        while (writing.get()) {
                            long floor = acknowledged.get();
                            Api.Response read = on.get("/api/products/" + id).send();
                            assertThat(read.status()).as(read.toString()).isEqualTo(200);
                            long version = read.json().path("version").asLong();
                            reads.incrementAndGet();
                            if (version < floor) {
                                stale.add(
                                        name + " served version " + version + " after " + floor + " was acknowledged");
                            }
                        }
                        return null;
                    }));
                }
                try {
                    writeAndReadBack(instances, id, admin, acknowledged);
                } finally {
                    // Also when an assertion fails: the readers stop, so the pool can close and the test ends.
                    writing.set(false);
                }
                for (Future<?> reader : readers) {
                    reader.get();
                }
            }
            assertThat(stale).isEmpty();
            assertThat(reads.get()).isGreaterThan(UPDATES);

            // A change made past the application (an operator's SQL) is seen by both instances too.
            jdbc.sql("UPDATE products SET price = 99.00, version = version + 1 WHERE id = :id")
                    .param("id", UUID.fromString(id))
                    .update();
            for (Api reader : instances) {
                Api.Response read = reader.get("/api/products/" + id).send();
                assertThat(read.json().path("price").path("amount").asString()).isEqualTo("99.00");
                assertThat(read.json().path("version").asLong()).isEqualTo(UPDATES + 1);
            }

            // Archived on B: A answers 404 to a customer at once.
            Api.Response archived =
                    apiB.delete("/api/products/" + id).token(admin).send();
            assertThat(archived.status()).as(archived.toString()).isEqualTo(204);
            for (Api reader : instances) {
                assertThat(reader.get("/api/products/" + id).send().status()).isEqualTo(404);
            }
        }
    }

    /** Replaces the product UPDATES times, alternating the writer; after each acknowledgement both serve it. */
    private static void writeAndReadBack(List<Api> instances, String id, String admin, AtomicLong acknowledged) {
        for (int update = 1; update <= UPDATES; update++) {
            // Alternate the writer, so each instance's cache sees changes made here and made elsewhere.
            Api writer = instances.get(update % 2);
            Api.Response replaced = writer.put("/api/products/" + id)
                    .token(admin)
                    .header("If-Match", "\"" + (update - 1) + "\"")
                    .json(body("Cached product v" + update, "10.00"))
                    .send();
            assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
            long version = replaced.json().path("version").asLong();
            acknowledged.set(version);
            // Right after the acknowledgement, on both instances: the new version, not the cached one.
            for (Api reader : instances) {
                Api.Response read = reader.get("/api/products/" + id).send();
                assertThat(read.json().path("version").asLong()).isEqualTo(version);
                assertThat(read.text("name")).isEqualTo("Cached product v" + update);
            }
        }
    }

    private String create(String admin) {
        Api.Response created = api.post("/api/products")
                .token(admin)
                .json(body("Cached product v0", "10.00"))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.text("id");
        // Cached on A before the first change (the readers cache it on B).
        assertThat(api.get("/api/products/" + id).send().status()).isEqualTo(200);
        return id;
    }

    private static Map<String, Object> body(String name, String amount) {
        return Map.of(
                "name",
                name,
                "description",
                "Served from the product cache",
                "price",
                Map.of("amount", amount, "currency", "USD"),
                "category",
                "technical_support",
                "status",
                "active");
    }
}
