package dev.miyabi.cli.output;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/** How values of the API read in a terminal. */
public final class Formats {

    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private Formats() {}

    /** {@code {"amount": "49.99", "currency": "USD"}} → {@code 49.99 USD} (the server's digits). */
    public static String money(JsonNode money) {
        if (money == null || money.isMissingNode() || money.isNull()) {
            return "";
        }
        return money.path("amount").asString("") + " " + money.path("currency").asString("");
    }

    /** An ISO instant in local time to the minute; empty for null. */
    public static String time(JsonNode instant) {
        if (instant == null || !instant.isString()) {
            return "";
        }
        try {
            return LOCAL.format(Instant.parse(instant.asString()));
        } catch (DateTimeParseException e) {
            return instant.asString();
        }
    }

    /** The first 8 characters of an id: enough to name it again on the command line. */
    public static String shortId(JsonNode id) {
        String text = id == null ? "" : id.asString("");
        return text.length() > 8 ? text.substring(0, 8) : text;
    }

    public static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? "" : node.asString("");
    }

    /** A rate 0–1 as a percentage with one decimal; "—" when there is none. */
    public static String percent(JsonNode rate) {
        if (rate == null || !rate.isNumber()) {
            return "—";
        }
        return String.format("%.1f %%", rate.asDouble() * 100);
    }

    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 10_000) {
            return String.format("%.1f s", millis / 1000.0);
        }
        long seconds = duration.toSeconds();
        return seconds < 120 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
    }

    /** The percentage done of a job's progress, 0–100. */
    public static int progressPercent(JsonNode job) {
        if ("completed".equals(job.path("status").asString(""))) {
            return 100;
        }
        JsonNode progress = job.path("progress");
        int total = progress.path("totalSteps").asInt(0);
        int done = progress.path("completedSteps").asInt(0);
        return total <= 0 ? 0 : Math.min(100, done * 100 / total);
    }

    /** A bar of {@code width} cells, e.g. {@code ██████░░░░}. */
    public static String bar(int percent, int width, boolean unicode) {
        int filled = Math.round(width * Math.max(0, Math.min(100, percent)) / 100f);
        String full = unicode ? "█" : "#";
        String empty = unicode ? "░" : "-";
        return full.repeat(filled) + empty.repeat(width - filled);
    }

    /** What a job is about: its course topic or document title. */
    public static String jobTitle(JsonNode job) {
        JsonNode input = job.path("input");
        String topic = input.path("topic").asString("");
        return topic.isEmpty() ? input.path("title").asString(job.path("type").asString("")) : topic;
    }
}
