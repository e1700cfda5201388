package dev.miyabi.platform.aijobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.miyabi.platform.aijobs.JobCompleted;
import dev.miyabi.platform.aijobs.JobHandler;
import dev.miyabi.platform.aijobs.NewJob;
import dev.miyabi.platform.support.IntegrationTest;
import dev.miyabi.platform.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Queue throughput: no-op jobs from enqueue to completion with one and with two worker pools
 * ("instances", each with its own instance id and connection pool) on one PostgreSQL. Not part of the
 * build (its name does not end in {@code Tests}); run it with {@code bench/queue-throughput.sh}.
 *
 * <p>Settings (system properties): {@code bench.jobs} (default 5000), {@code bench.workers} per instance
 * (8), {@code bench.enqueuers} concurrent enqueuing threads (4), {@code bench.instances} the instance
 * counts to measure ("1,2"). Results go to the log and to
 * {@code target/bench/queue-throughput.md}.
 */
class QueueThroughputBenchmark extends IntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(QueueThroughputBenchmark.class);

    private final int jobs = Integer.getInteger("bench.jobs", 5000);
    private final int workers = Integer.getInteger("bench.workers", 8);
    private final int enqueuers = Integer.getInteger("bench.enqueuers", 4);
    private final String instanceCounts = System.getProperty("bench.instances", "1,2");

    @Test
    void measureThroughput() throws Exception {
        UUID owner = jdbc.sql("INSERT INTO users (email, name) VALUES (:email, 'Bench') RETURNING id")
                .param("email", "bench-" + UUID.randomUUID() + "@example.test")
                .query(UUID.class)
                .single();
        List<String> rows = new ArrayList<>();
        for (String count : instanceCounts.split(",")) {
            int instances = Integer.parseInt(count.strip());
            rows.add(run(owner, instances, false));
            rows.add(run(owner, instances, true));
        }
        String report = """
                # Queue throughput

                %d no-op jobs, %d workers per instance, %d enqueuing threads, PostgreSQL %s, %d CPUs, %s.

                | instances | mode | enqueue (jobs/s) | enqueue → all completed (jobs/s) | latency p50 / p95 / max (ms, created → completed) |
                |---|---|---|---|---|
                %s
                """.formatted(
                        jobs,
                        workers,
                        enqueuers,
                        jdbc.sql("SHOW server_version").query(String.class).single(),
                        Runtime.getRuntime().availableProcessors(),
                        Instant.now(),
                        String.join("\n", rows));
        Path out = Path.of("target/bench/queue-throughput.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        log.info("\n{}", report);
    }

    /**
     * One measurement: {@code instances} pools start, then {@code jobs} are enqueued (while the pools run,
     * or first and drained as a backlog), and the clock stops when the last completion commits.
     */
    private String run(UUID owner, int instances, boolean backlog) throws InterruptedException {
        String type = "bench.noop." + UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger completed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(jobs);
        List<HikariDataSource> dataSources = new ArrayList<>();
        List<WorkerPool> pools = new ArrayList<>();
        JobsProperties properties = new JobsProperties(
                true,
                null,
                workers,
                Map.of(),
                3,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                0.2,
                Duration.ofSeconds(10),
                true);
        JobHandler noop = QueueFixture.noOpHandler(type);
        try {
            HikariDataSource api = dataSource("bench-api", enqueuers + 2);
            dataSources.add(api);
            JobQueue enqueuer = queue(api, event -> {}, properties);
            for (int i = 0; i < instances; i++) {
                HikariDataSource ds = dataSource("bench-instance-" + i, workers + 4);
                dataSources.add(ds);
                JobQueue queue = queue(
                        ds,
                        event -> {
                            if (event instanceof JobCompleted) {
                                // Counted when the completion is committed, not when it is published.
                                TransactionSynchronizationManager.registerSynchronization(
                                        new TransactionSynchronization() {
                                            @Override
                                            public void afterCommit() {
                                                completed.incrementAndGet();
                                                done.countDown();
                                            }
                                        });
                            }
                        },
                        properties);
                pools.add(new WorkerPool(
                        "bench-" + i + "-" + type,
                        properties,
                        JobHandlers.of(noop),
                        queue,
                        JsonMapper.builder().build(),
                        Backoff.of(properties),
                        ds));
            }
            if (!backlog) {
                startAndAwaitListening(pools);
            }
            long enqueueStart = System.nanoTime();
            enqueue(enqueuer, type, owner);
            long enqueued = System.nanoTime();
            long start = enqueueStart;
            if (backlog) {
                startAndAwaitListening(pools);
                start = System.nanoTime();
            }
            assertThat(done.await(10, TimeUnit.MINUTES)).isTrue();
            long finished = System.nanoTime();
            assertThat(count(type)).isEqualTo(jobs);
            double enqueueRate = jobs / ((enqueued - enqueueStart) / 1e9);
            double seconds = (finished - start) / 1e9;
            Map<String, Object> latency =
                    jdbc.sql("""
                            SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)) AS p50,
                                round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)) AS p95,
                                round(max(ms)) AS max
                            FROM (SELECT extract(epoch FROM completed_at - created_at) * 1000 AS ms
                                  FROM ai_jobs WHERE job_type = :type) t
                            """).param("type", type).query().singleRow();
            String row = "| %d | %s | %.0f | %.0f (%.2f s) | %s |"
                    .formatted(
                            instances,
                            backlog ? "backlog drained (clock starts with the workers)" : "enqueue while running",
                            enqueueRate,
                            jobs / seconds,
                            seconds,
                            backlog
                                    ? "—"
                                    : latency.get("p50") + " / " + latency.get("p95") + " / " + latency.get("max"));
            log.info("bench {}", row);
            return row;
        } finally {
            pools.forEach(WorkerPool::stop);
            notifiers.forEach(JobNotifier::close);
            notifiers.clear();
            dataSources.forEach(HikariDataSource::close);
            jdbc.sql("DELETE FROM ai_jobs WHERE job_type = :type")
                    .param("type", type)
                    .update();
        }
    }

    private void enqueue(JobQueue queue, String type, UUID owner) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < enqueuers; t++) {
                threads.submit(() -> {
                    while (next.getAndIncrement() < jobs) {
                        queue.enqueue(NewJob.of(type, JsonNodeFactory.instance.objectNode(), owner));
                    }
                });
            }
        }
    }

    private static void startAndAwaitListening(List<WorkerPool> pools) {
        pools.forEach(WorkerPool::start);
        await().atMost(Duration.ofSeconds(10)).until(() -> pools.stream().allMatch(WorkerPool::listening));
    }

    private long count(String type) {
        return jdbc.sql("SELECT count(*) FROM ai_jobs WHERE job_type = :type AND status = 'completed'")
                .param("type", type)
                .query(Long.class)
                .single();
    }

    private final List<JobNotifier> notifiers = new ArrayList<>();

    private JobQueue queue(
            HikariDataSource dataSource,
            org.springframework.context.ApplicationEventPublisher events,
            JobsProperties properties) {
        return new JobQueue(
                JdbcClient.create(dataSource),
                new JdbcTransactionManager(dataSource),
                events,
                properties,
                notifier(dataSource));
    }

    private JobNotifier notifier(HikariDataSource dataSource) {
        JobNotifier notifier = new JobNotifier(JobNotifier.connections(dataSource), dataSource.getPoolName());
        notifiers.add(notifier);
        return notifier;
    }

    private static HikariDataSource dataSource(String name, int size) {
        TestDatabase.Connection db = TestDatabase.get();
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName(name);
        dataSource.setJdbcUrl(db.url());
        dataSource.setUsername(db.user());
        dataSource.setPassword(db.password());
        dataSource.setMaximumPoolSize(size);
        return dataSource;
    }
}
