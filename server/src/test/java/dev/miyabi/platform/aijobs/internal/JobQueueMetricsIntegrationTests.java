package dev.miyabi.platform.aijobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.ModuleTest;
import dev.miyabi.platform.support.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;

/** The queue's gauges read the queue in PostgreSQL, at most once per {@link JobQueueMetrics#MAX_AGE}. */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "shared", verifyAutomatically = false)
@TestInstance(TestInstance.Lifecycle.PER_METHOD) // a fresh instance per test, as in the other tests
class JobQueueMetricsIntegrationTests extends ModuleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final String type = "test.metrics." + UUID.randomUUID();
    private UUID owner;

    @BeforeEach
    void bind() {
        owner = jdbc.sql("INSERT INTO users (email, name) VALUES (:email, 'Queue metrics test') RETURNING id")
                .param("email", "queue-metrics-" + UUID.randomUUID() + "@example.test")
                .query(UUID.class)
                .single();
        new JobQueueMetrics(new Jobs(jdbc), clock).bindTo(meters);
    }

    @Test
    void shouldReportTheQueueAndHowLongItsOldestDueJobHasWaited() {
        double queuedBefore = gauge("miyabi.jobs.queued");

        // A job no worker runs (unknown type), due ten minutes ago.
        jdbc.sql("""
                        INSERT INTO ai_jobs (job_type, user_id, input_params, run_at)
                        VALUES (:type, :owner, '{}'::jsonb, now() - INTERVAL '10 minutes')""").param("type", type).param("owner", owner).update();

        assertThat(gauge("miyabi.jobs.queued")).as("read again only after 5 s").isEqualTo(queuedBefore);
        clock.advance(JobQueueMetrics.MAX_AGE);
        assertThat(gauge("miyabi.jobs.queued")).isEqualTo(queuedBefore + 1);
        assertThat(gauge("miyabi.jobs.queue.age")).isGreaterThanOrEqualTo(600);
        assertThat(meters.get("miyabi.jobs.queue.age").gauge().getId().getBaseUnit())
                .isEqualTo("seconds");
        assertThat(gauge("miyabi.jobs.running")).isGreaterThanOrEqualTo(0);
    }

    @AfterEach
    void removeJob() {
        jdbc.sql("DELETE FROM ai_jobs WHERE job_type = :type")
                .param("type", type)
                .update();
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }
}
