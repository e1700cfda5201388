package dev.miyabi.platform.aijobs.internal;

import dev.miyabi.platform.aijobs.AiJobs;
import dev.miyabi.platform.aijobs.JobContext;
import dev.miyabi.platform.aijobs.JobEvent;
import dev.miyabi.platform.aijobs.JobHandler;
import dev.miyabi.platform.aijobs.JobOutcome;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One "instance" of the queue built outside Spring on a given database: its own {@link JobQueue}
 * (events recorded here), facade, and optionally a {@link WorkerPool} with its own instance id. Two
 * fixtures on one database behave like two servers sharing it.
 */
public final class QueueFixture implements AutoCloseable {

    public final String instanceId;
    public final List<JobEvent> events = new CopyOnWriteArrayList<>();
    final JobQueue queue;
    final WorkerPool pool;
    final JobNotifier notifier;
    public final AiJobs jobs;

    private QueueFixture(Settings settings, JdbcClient jdbc, PlatformTransactionManager tx, DataSource dataSource) {
        this.instanceId = settings.instanceId;
        JobsProperties properties = settings.properties();
        this.notifier = settings.notify
                ? new JobNotifier(JobNotifier.connections(dataSource), instanceId)
                : JobNotifier.disabled();
        this.queue = new JobQueue(
                jdbc,
                tx,
                event -> {
                    if (event instanceof JobEvent jobEvent) {
                        events.add(jobEvent);
                    }
                },
                properties,
                notifier);
        JobHandlers handlers = JobHandlers.of(settings.handlers.toArray(JobHandler[]::new));
        this.jobs = new JobService(queue, handlers);
        Backoff backoff = new Backoff(
                properties.backoffBase(), properties.backoffMax(), properties.backoffJitter(), settings.random);
        this.pool = new WorkerPool(
                instanceId, properties, handlers, queue, JsonMapper.builder().build(), backoff, dataSource);
    }

    /** A handler of {@code type} that completes every job at once with an empty output. */
    public static JobHandler noOpHandler(String type) {
        return new JobHandler() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public JobOutcome run(JobContext context) {
                return JobOutcome.completed(JsonNodeFactory.instance.objectNode());
            }
        };
    }

    public static Settings settings() {
        return new Settings();
    }

    /** Starts the workers (not started by {@link Settings#build}). */
    public QueueFixture start() {
        pool.start();
        return this;
    }

    public void stop() {
        pool.stop();
    }

    public int running() {
        return pool.activeCount();
    }

    public boolean listening() {
        return pool.listening();
    }

    public <E extends JobEvent> List<E> events(Class<E> type, UUID jobId) {
        return events.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(e -> e.jobId().equals(jobId))
                .toList();
    }

    @Override
    public void close() {
        pool.stop();
        notifier.close();
    }

    /** Queue settings for tests: fast by default (short poll, lease and backoff). */
    public static final class Settings {
        String instanceId = "test-" + UUID.randomUUID().toString().substring(0, 8);
        int workers = 4;
        Map<String, Integer> concurrency = new HashMap<>();
        int maxAttempts = 3;
        Duration lease = Duration.ofSeconds(30);
        Duration heartbeat = Duration.ofSeconds(5);
        Duration poll = Duration.ofMillis(200);
        Duration recovery = Duration.ofSeconds(5);
        Duration backoffBase = Duration.ofMillis(50);
        Duration backoffMax = Duration.ofSeconds(1);
        double jitter = 0.2;
        Duration shutdownTimeout = Duration.ofSeconds(10);
        boolean listen = true;
        boolean notify = true;
        DoubleSupplier random =
                () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble();
        List<JobHandler> handlers = new CopyOnWriteArrayList<>();

        public Settings instanceId(String value) {
            instanceId = value;
            return this;
        }

        public Settings workers(int value) {
            workers = value;
            return this;
        }

        public Settings concurrency(String type, int limit) {
            concurrency.put(type, limit);
            return this;
        }

        public Settings maxAttempts(int value) {
            maxAttempts = value;
            return this;
        }

        public Settings lease(Duration value) {
            lease = value;
            return this;
        }

        public Settings heartbeat(Duration value) {
            heartbeat = value;
            return this;
        }

        public Settings poll(Duration value) {
            poll = value;
            return this;
        }

        public Settings recovery(Duration value) {
            recovery = value;
            return this;
        }

        public Settings backoff(Duration base, Duration max, double jitterFraction) {
            backoffBase = base;
            backoffMax = max;
            jitter = jitterFraction;
            return this;
        }

        public Settings shutdownTimeout(Duration value) {
            shutdownTimeout = value;
            return this;
        }

        public Settings listen(boolean value) {
            listen = value;
            return this;
        }

        /** Whether this instance notifies the others of the work it enqueues (else they find it by polling). */
        public Settings notifyOthers(boolean value) {
            notify = value;
            return this;
        }

        public Settings handler(JobHandler handler) {
            handlers.add(handler);
            return this;
        }

        JobsProperties properties() {
            return new JobsProperties(
                    true,
                    instanceId,
                    workers,
                    concurrency,
                    maxAttempts,
                    lease,
                    heartbeat,
                    poll,
                    recovery,
                    backoffBase,
                    backoffMax,
                    jitter,
                    shutdownTimeout,
                    listen);
        }

        public QueueFixture build(JdbcClient jdbc, PlatformTransactionManager tx, DataSource dataSource) {
            return new QueueFixture(this, jdbc, tx, dataSource);
        }
    }
}
