package dev.miyabi.platform.shared.idempotency;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Idempotency-Key protocol of API.md ("Payments"), on orders and on a probe endpoint. */
class IdempotencyIntegrationTests extends IntegrationTest {

    private static final String PROBE = "/api/test/idempotency/records";

    @Autowired
    private IdempotencyKeys keys;

    private Session customer;
    private String product;

    @BeforeEach
    void setUp() {
        jdbc.sql("CREATE TABLE IF NOT EXISTS idempotency_probe (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL)")
                .update();
        customer = register();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Support for idempotency tests");
        body.put("price", Map.of("amount", "10.00", "currency", "USD"));
        body.put("category", "technical_support");
        Api.Response created = api.post("/api/products")
                .token(admin().accessToken())
                .json(body)
                .send();
        assertThat(created.status()).isEqualTo(201);
        product = created.text("id");
    }

    @Test
    void aRepeatedOrderReplaysTheFirstResponse() {
        String key = UUID.randomUUID().toString();

        Api.Response first = placeOrder(customer, key, "{\"productId\":\"" + product + "\",\"quantity\":2}");
        Api.Response again = placeOrder(customer, key, "{\"productId\":\"" + product + "\",\"quantity\":2}");
        Api.Response reordered =
                placeOrder(customer, key, "{ \"quantity\" : 2,\n  \"productId\" : \"" + product + "\" }");

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isEmpty();
        for (Api.Response replay : List.of(again, reordered)) {
            assertThat(replay.status()).isEqualTo(201);
            assertThat(replay.header("Idempotent-Replayed")).contains("true");
            assertThat(replay.body()).isEqualTo(first.body());
            assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
            assertThat(replay.contentType()).startsWith("application/json");
        }
        assertThat(ordersOf(customer)).isEqualTo(1);
    }

    @Test
    void theSameKeyForADifferentRequestIsRefused() {
        String key = UUID.randomUUID().toString();
        assertThat(placeOrder(customer, key, "{\"productId\":\"" + product + "\",\"quantity\":1}")
                        .status())
                .isEqualTo(201);

        assertProblem(
                placeOrder(customer, key, "{\"productId\":\"" + product + "\",\"quantity\":3}"),
                422,
                "idempotency_key_reuse");
        assertProblem(
                api.post(PROBE)
                        .token(customer.accessToken())
                        .header("Idempotency-Key", key)
                        .json(Map.of("name", "other endpoint"))
                        .send(),
                422,
                "idempotency_key_reuse");
        assertThat(ordersOf(customer)).isEqualTo(1);
    }

    @Test
    void keysAreScopedPerUser() {
        Session other = register();
        String key = UUID.randomUUID().toString();
        String body = "{\"productId\":\"" + product + "\"}";

        Api.Response mine = placeOrder(customer, key, body);
        Api.Response theirs = placeOrder(other, key, body);

        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.header("Idempotent-Replayed")).isEmpty();
        assertThat(theirs.text("id")).isNotEqualTo(mine.text("id"));
        assertThat(theirs.text("userId")).isEqualTo(other.id().toString());
    }

    @Test
    void withoutAKeyEveryRequestCounts() {
        String body = "{\"productId\":\"" + product + "\"}";
        api.post("/api/orders")
                .token(customer.accessToken())
                .raw("application/json", body)
                .send();
        api.post("/api/orders")
                .token(customer.accessToken())
                .raw("application/json", body)
                .send();

        assertThat(ordersOf(customer)).isEqualTo(2);
    }

    @Test
    void twentyConcurrentIdenticalRequestsCreateExactlyOneOrder() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"productId\":\"" + product + "\",\"quantity\":1}";
        CountDownLatch start = new CountDownLatch(1);
        List<Api.Response> responses = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(20)) {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return placeOrder(customer, key, body);
                }));
            }
            start.countDown();
            for (Future<Api.Response> future : futures) {
                responses.add(future.get());
            }
        }

        assertThat(ordersOf(customer)).isEqualTo(1);
        assertThat(responses).extracting(Api.Response::status).isSubsetOf(201, 409);
        List<Api.Response> created =
                responses.stream().filter(r -> r.status() == 201).toList();
        assertThat(created)
                .filteredOn(r -> r.header("Idempotent-Replayed").isEmpty())
                .hasSize(1);
        assertThat(created)
                .extracting(Api.Response::body)
                .containsOnly(created.getFirst().body());
        responses.stream().filter(r -> r.status() == 409).forEach(r -> assertProblem(r, 409, "idempotency_key_in_use"));
        assertThat(placeOrder(customer, key, body).header("Idempotent-Replayed"))
                .contains("true");
    }

    @Test
    void aRefusalIsReplayedLikeASuccess() {
        String key = UUID.randomUUID().toString();
        String body = "{\"productId\":\"" + UUID.randomUUID() + "\"}";

        assertProblem(placeOrder(customer, key, body), 422, "product_unavailable");
        Api.Response replay = placeOrder(customer, key, body);

        assertProblem(replay, 422, "product_unavailable");
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(replay.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aRequestStillRunningBlocksItsKey() throws Exception {
        String key = UUID.randomUUID().toString();
        IdempotencyProbeController.entered = new CountDownLatch(1);
        IdempotencyProbeController.release = new CountDownLatch(1);
        CompletableFuture<Api.Response> first = CompletableFuture.supplyAsync(() -> probe(key, "block-1"));
        try {
            assertThat(IdempotencyProbeController.entered.await(10, TimeUnit.SECONDS))
                    .isTrue();

            assertProblem(probe(key, "block-1"), 409, "idempotency_key_in_use");
            assertProblem(probe(key, "something else"), 422, "idempotency_key_reuse");
        } finally {
            IdempotencyProbeController.release.countDown();
        }

        assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
        Api.Response replay = probe(key, "block-1");
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(probeRows("block-1")).isEqualTo(1);
    }

    @Test
    void aServerErrorIsNotKeptSoARetryRunsAgain() {
        String key = UUID.randomUUID().toString();
        String name = "flaky-" + key;
        IdempotencyProbeController.flakyFailures.set(1);

        assertProblem(probe(key, name), 500, "internal_error");
        assertThat(stored(key)).isZero();
        Api.Response retry = probe(key, name);
        Api.Response replay = probe(key, name);

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEmpty();
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(probeRows(name)).isEqualTo(1);
    }

    @Test
    void aServerErrorAfterDataChangedIsKeptSoNothingRunsTwice() {
        String key = UUID.randomUUID().toString();
        String name = "fail-after-" + key;

        assertProblem(probe(key, name), 500, "internal_error");
        Api.Response retry = probe(key, name);

        assertProblem(retry, 500, "internal_error");
        assertThat(retry.header("Idempotent-Replayed")).contains("true");
        assertThat(probeRows(name)).isEqualTo(1);
    }

    @Test
    void aClaimAbandonedBeforeAnyChangeIsTakenOverAfterItsLock() {
        String name = "abandoned-" + UUID.randomUUID();
        String abandoned = UUID.randomUUID().toString();
        String held = UUID.randomUUID().toString();
        String changed = UUID.randomUUID().toString();
        claimAsACrashedInstance(abandoned, name, "now() - interval '1 second'", false);
        claimAsACrashedInstance(held, name, "now() + interval '1 hour'", false);
        claimAsACrashedInstance(changed, name, "now() - interval '1 second'", true);

        Api.Response takenOver = probe(abandoned, name);
        assertThat(takenOver.status()).isEqualTo(201);
        assertThat(takenOver.header("Idempotent-Replayed")).isEmpty();
        assertProblem(probe(held, name), 409, "idempotency_key_in_use");
        assertThat(assertProblem(probe(changed, name), 409, "idempotency_key_in_use")
                        .path("detail")
                        .asString())
                .contains("response was lost");
        assertThat(probeRows(name)).isEqualTo(1);
    }

    @Test
    void aRequestWhoseKeyWasTakenOverCannotCommit() throws Exception {
        String key = UUID.randomUUID().toString();
        String name = "block-takeover-" + key;
        IdempotencyProbeController.entered = new CountDownLatch(1);
        IdempotencyProbeController.release = new CountDownLatch(1);
        CompletableFuture<Api.Response> first = CompletableFuture.supplyAsync(() -> probe(key, name));
        try {
            assertThat(IdempotencyProbeController.entered.await(10, TimeUnit.SECONDS))
                    .isTrue();
            // What a retry does once the lock has timed out: the row gets a new owner.
            jdbc.sql("UPDATE idempotency_keys SET token = :token WHERE idempotency_key = :key")
                    .param("token", UUID.randomUUID())
                    .param("key", key)
                    .update();
        } finally {
            IdempotencyProbeController.release.countDown();
        }

        assertProblem(first.get(10, TimeUnit.SECONDS), 409, "idempotency_key_in_use");
        assertThat(probeRows(name)).as("its change was rolled back").isZero();
    }

    @Test
    void expiredKeysAreForgottenAndPurged() {
        String key = UUID.randomUUID().toString();
        assertThat(probe(key, "first use").status()).isEqualTo(201);
        jdbc.sql("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE idempotency_key = :key")
                .param("key", key)
                .update();

        Api.Response reused = probe(key, "a new request after expiry");
        assertThat(reused.status()).isEqualTo(201);
        assertThat(reused.header("Idempotent-Replayed")).isEmpty();

        jdbc.sql("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE idempotency_key = :key")
                .param("key", key)
                .update();
        assertThat(keys.purgeExpired()).isPositive();
        assertThat(stored(key)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_keys WHERE expires_at < now() + interval '23 hours'")
                        .query(Long.class)
                        .single())
                .as("every kept key lives at least 24 hours")
                .isZero();
    }

    @Test
    void aRequiredKeyMustBeSentAndWellFormed() {
        Map<String, String> body = Map.of("name", "required");

        assertProblem(
                api.post("/api/test/idempotency/required")
                        .token(customer.accessToken())
                        .json(body)
                        .send(),
                400,
                "idempotency_key_missing");
        assertProblem(
                api.post("/api/test/idempotency/required")
                        .token(customer.accessToken())
                        .header("Idempotency-Key", "k".repeat(256))
                        .json(body)
                        .send(),
                400,
                "validation_failed");
        Api.Response ok = api.post("/api/test/idempotency/required")
                .token(customer.accessToken())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json(body)
                .send();
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.text("name")).isEqualTo("required");
    }

    private Api.Response placeOrder(Session user, String key, String body) {
        return api.post("/api/orders")
                .token(user.accessToken())
                .header("Idempotency-Key", key)
                .raw("application/json", body)
                .send();
    }

    private Api.Response probe(String key, String name) {
        return api.post(PROBE)
                .token(customer.accessToken())
                .header("Idempotency-Key", key)
                .json(Map.of("name", name))
                .send();
    }

    /** A claim left behind by an instance that died while running the request. */
    private void claimAsACrashedInstance(String key, String name, String lockedUntil, boolean effectsCommitted) {
        String fingerprint = RequestFingerprint.of(
                "POST",
                PROBE,
                null,
                "application/json",
                Api.json(Map.of("name", name)).getBytes(StandardCharsets.UTF_8));
        jdbc.sql("""
                        INSERT INTO idempotency_keys (principal, idempotency_key, fingerprint, request_method, request_path,
                            status, token, locked_until, effects_committed, expires_at)
                        VALUES (:principal, :key, :fingerprint, 'POST', :path, 'in_progress', :token, %s, :effects,
                            now() + interval '1 day')
                        """.formatted(lockedUntil))
                .param("principal", customer.id().toString())
                .param("key", key)
                .param("fingerprint", fingerprint)
                .param("path", PROBE)
                .param("token", UUID.randomUUID())
                .param("effects", effectsCommitted)
                .update();
    }

    private long ordersOf(Session user) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE user_id = :id")
                .param("id", user.id())
                .query(Long.class)
                .single();
    }

    private long probeRows(String name) {
        return jdbc.sql("SELECT count(*) FROM idempotency_probe WHERE name = :name")
                .param("name", name)
                .query(Long.class)
                .single();
    }

    private long stored(String key) {
        return jdbc.sql("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = :key")
                .param("key", key)
                .query(Long.class)
                .single();
    }
}
