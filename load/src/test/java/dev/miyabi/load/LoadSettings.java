package dev.miyabi.load;

import java.time.Duration;
import java.util.List;

/**
 * The knobs of a run, as {@code -Dload.<name>=<value>} (load/run.sh sets them). The defaults are the full
 * runs of issue 17; the smoke run of CI lowers the users, the ramp and the think times.
 */
record LoadSettings(
        String baseUrl,
        String adminEmail,
        String adminPassword,
        int users,
        Duration ramp,
        double think,
        int approvers,
        double approvalShare,
        List<String> orderCategories,
        int products,
        Duration eventWait,
        boolean latencyAssertions,
        int concurrency,
        Duration duration) {

    static LoadSettings fromSystemProperties() {
        return new LoadSettings(
                required("baseUrl").replaceAll("/+$", ""),
                required("adminEmail"),
                required("adminPassword"),
                Integer.getInteger("load.users", 1000),
                Duration.ofSeconds(Integer.getInteger("load.rampSeconds", 120)),
                Double.parseDouble(System.getProperty("load.think", "1.0")),
                Integer.getInteger("load.approvers", 10),
                Double.parseDouble(System.getProperty("load.approvalShare", "0.2")),
                List.of(System.getProperty("load.orderCategories", "ai_document_generation,ai_course_generation")
                        .split(",")),
                Integer.getInteger("load.products", 500),
                Duration.ofSeconds(Integer.getInteger("load.eventWaitSeconds", 120)),
                Boolean.parseBoolean(System.getProperty("load.latencyAssertions", "true")),
                Integer.getInteger("load.concurrency", 64),
                Duration.ofSeconds(Integer.getInteger("load.durationSeconds", 60)));
    }

    /** The WebSocket root matching {@link #baseUrl}. */
    String wsBaseUrl() {
        return baseUrl.replaceFirst("^http", "ws");
    }

    /** A think time of {@code seconds} scaled by {@link #think}. */
    Duration thinkTime(double seconds) {
        return Duration.ofMillis(Math.round(seconds * think * 1000));
    }

    private static String required(String name) {
        String value = System.getProperty("load." + name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Set -Dload." + name + " (load/run.sh does)");
        }
        return value;
    }
}
