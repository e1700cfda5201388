package dev.miyabi.platform.shared.idempotency;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A test-only endpoint (test sources, scanned into the one shared context) whose handler the tests
 * can hold, fail or let change data at will, so the {@link Idempotent} protocol is exercised
 * deterministically. It writes to {@code idempotency_probe}, a table the tests create.
 */
@RestController
@RequestMapping("/api/test/idempotency")
class IdempotencyProbeController {

    /** Set by a test: the next "block" request signals {@code entered} and waits for {@code release}. */
    static volatile CountDownLatch entered = new CountDownLatch(0);

    static volatile CountDownLatch release = new CountDownLatch(0);

    /** How many "flaky" requests fail with a 500 before one succeeds. */
    static final AtomicInteger flakyFailures = new AtomicInteger();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    IdempotencyProbeController(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    record Probe(String name) {}

    @PostMapping("/records")
    @Idempotent
    ResponseEntity<Map<String, Object>> record(@RequestBody Probe probe) throws InterruptedException {
        String name = probe.name();
        if (name.startsWith("block")) {
            entered.countDown();
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The test never released the probe");
            }
        }
        if (name.startsWith("flaky") && flakyFailures.getAndDecrement() > 0) {
            throw new IllegalStateException("Flaky failure before any change");
        }
        long id = transactions.execute(
                status -> jdbc.sql("INSERT INTO idempotency_probe (name) VALUES (:name) RETURNING id")
                        .param("name", name)
                        .query(Long.class)
                        .single());
        if (name.startsWith("fail-after")) {
            throw new IllegalStateException("Failure after the change was committed");
        }
        return ResponseEntity.created(URI.create("/api/test/idempotency/records/" + id))
                .body(Map.of("id", id, "name", name));
    }

    @PostMapping("/required")
    @Idempotent(required = true)
    Map<String, Object> required(@RequestBody Probe probe) {
        return Map.of("name", probe.name());
    }
}
