package dev.miyabi.platform.generation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.aijobs.AiJobs;
import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.aijobs.JobStatus;
import dev.miyabi.platform.aijobs.NewJob;
import dev.miyabi.platform.generation.GenerationJobs;
import dev.miyabi.platform.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Offline course generation time: the pure generation (offline writer + schema validation of every
 * answer, no database) and whole jobs through the queue (outline, lessons, quizzes as durable steps,
 * storage, completion) in the application, plus the PDF export of one course. Not part of the build (its
 * name does not end in {@code Tests}); run it with {@code bench/course-generation.sh}.
 *
 * <p>Settings (system properties): {@code bench.courses} (default 40), {@code bench.hours} (6).
 */
class CourseGenerationBenchmark extends IntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(CourseGenerationBenchmark.class);

    private final int courses = Integer.getInteger("bench.courses", 40);
    private final double hours = Double.parseDouble(System.getProperty("bench.hours", "6"));

    @Autowired
    AiJobs jobs;

    @Test
    void measure() throws Exception {
        List<String> rows = new ArrayList<>();
        OfflineCourse offline = new OfflineCourse();
        for (int warmup = 0; warmup < 20; warmup++) {
            offline.generate(input("Warm-up course " + warmup));
        }
        List<Double> pure = new ArrayList<>();
        ObjectNode sample = null;
        for (int i = 0; i < courses; i++) {
            long start = System.nanoTime();
            sample = offline.generate(input("Benchmark course " + i));
            pure.add((System.nanoTime() - start) / 1e6);
        }
        int lessons = 0;
        for (JsonNode module : sample.path("modules")) {
            lessons += module.path("lessons").size();
        }
        rows.add("| pure generation (offline writer + schema checks, 1 thread) | %d | %.1f | %.1f | %.1f |"
                .formatted(courses, percentile(pure, 50), percentile(pure, 95), Collections.max(pure)));

        Job probe = jobs.find(UUID.randomUUID()).orElse(null);
        assertThat(probe).isNull();
        UUID owner = jdbc.sql("INSERT INTO users (email, name) VALUES (:email, 'Bench') RETURNING id")
                .param("email", "bench-" + UUID.randomUUID() + "@example.test")
                .query(UUID.class)
                .single();
        long started = System.nanoTime();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < courses; i++) {
            ids.add(jobs.enqueue(NewJob.of(GenerationJobs.COURSE, input("Queued course " + i), owner))
                    .id());
        }
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> ids.stream()
                        .allMatch(id -> jobs.find(id).map(Job::status).orElse(null) == JobStatus.COMPLETED));
        double wall = (System.nanoTime() - started) / 1e9;
        List<Double> latency =
                jdbc.sql("""
                        SELECT extract(epoch FROM completed_at - created_at) * 1000 FROM ai_jobs WHERE id IN (:ids)
                        """).param("ids", ids).query(Double.class).list();
        List<Double> running =
                jdbc.sql("""
                        SELECT extract(epoch FROM completed_at - started_at) * 1000 FROM ai_jobs WHERE id IN (:ids)
                        """).param("ids", ids).query(Double.class).list();
        rows.add("| job through the queue: created → completed | %d | %.1f | %.1f | %.1f |"
                .formatted(courses, percentile(latency, 50), percentile(latency, 95), Collections.max(latency)));
        rows.add("| job through the queue: started → completed (one job's own work) | %d | %.1f | %.1f | %.1f |"
                .formatted(courses, percentile(running, 50), percentile(running, 95), Collections.max(running)));

        Exports exports = new Exports();
        Job job = jobs.find(ids.getFirst()).orElseThrow();
        JsonNode output = jobs.output(job.id()).orElseThrow();
        List<Double> pdf = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long start = System.nanoTime();
            exports.render(job, output, "pdf");
            pdf.add((System.nanoTime() - start) / 1e6);
        }
        pdf.removeFirst();
        rows.add("| PDF export of one course (after one warm-up) | %d | %.1f | %.1f | %.1f |"
                .formatted(pdf.size(), percentile(pdf, 50), percentile(pdf, 95), Collections.max(pdf)));

        String table = """
                Courses of %s hours (%d modules, %d lessons, %d steps per job); %d jobs enqueued at once, %.2f s from \
                the first enqueue to the last completion (%.1f courses/s).

                | what | n | p50 (ms) | p95 (ms) | max (ms) |
                |---|---|---|---|---|
                %s
                """.formatted(
                        hours,
                        sample.path("modules").size(),
                        lessons,
                        1 + lessons + sample.path("modules").size() + 1,
                        courses,
                        wall,
                        courses / wall,
                        String.join("\n", rows));
        log.info("Course generation benchmark\n{}", table);
        Files.createDirectories(Path.of("target/bench"));
        Files.writeString(Path.of("target/bench/course-generation.md"), table);
    }

    private ObjectNode input(String topic) {
        return OfflineCourseWriterTests.input(
                topic,
                "en",
                hours,
                "intermediate",
                "text",
                List.of("Plan the work", "Do the work", "Check the results", "Share what you learned"));
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
