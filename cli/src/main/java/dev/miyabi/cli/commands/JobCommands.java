package dev.miyabi.cli.commands;

import static dev.miyabi.cli.output.Formats.shortId;
import static dev.miyabi.cli.output.Formats.text;

import dev.miyabi.cli.CliException;
import dev.miyabi.cli.ExitCodes;
import dev.miyabi.cli.api.ApiResponse;
import dev.miyabi.cli.api.MiyabiClient;
import dev.miyabi.cli.output.Console;
import dev.miyabi.cli.output.Formats;
import dev.miyabi.cli.output.Table;
import dev.miyabi.cli.output.Text;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** AI generation jobs: start, follow, download. */
@Command(
        name = "jobs",
        description = "AI generation jobs: start courses and documents, follow them, download the results.",
        subcommands = {
            JobCommands.Create.class,
            JobCommands.ListJobs.class,
            JobCommands.Show.class,
            JobCommands.Watch.class,
            JobCommands.Result.class,
            JobCommands.Cancel.class,
            JobCommands.Retry.class
        })
public final class JobCommands {

    static final Set<String> FINAL = Set.of("completed", "failed", "cancelled");

    /** Starting a job, then either printing it or following it. */
    abstract static class Start extends Base {

        @Option(names = "--watch", description = "Follow the job with a progress bar until it ends.")
        boolean watch;

        @Mixin
        JsonOption json = new JsonOption();

        int submit(String type, Object input) throws InterruptedException {
            ApiResponse response = api().post("/api/ai/jobs", Map.of("type", type, "input", input));
            if (json.enabled && !watch) {
                printJson(response);
                return 0;
            }
            JsonNode job = response.json();
            if (!watch) {
                println("Job " + shortId(job.path("id")) + " queued: " + Formats.jobTitle(job)
                        + ". Follow it: miyabi jobs watch " + shortId(job.path("id")));
                return 0;
            }
            return follow(this, job.path("id").asString());
        }
    }

    @Command(
            name = "create",
            description = {
                "Start a generation job: 'jobs create course …', 'jobs create document …',",
                "or 'jobs create --type T --input FILE'."
            },
            subcommands = {JobCommands.CreateCourse.class, JobCommands.CreateDocument.class})
    static final class Create extends Start {

        @Option(names = "--type", paramLabel = "TYPE", description = "course_generation or document_generation.")
        String type;

        @Option(
                names = "--input",
                paramLabel = "FILE|-",
                description = "JSON file with the job's input ('-': standard input).")
        String input;

        @Override
        protected int run() throws InterruptedException {
            if (type == null || input == null) {
                throw CliException.usage("Give 'course' or 'document' with their options, or both --type and --input.");
            }
            return submit(type, InputFile.read(input));
        }
    }

    @Command(name = "course", description = "Start generating a course.")
    static final class CreateCourse extends Start {

        @Option(names = "--topic", required = true, description = "What the course teaches (5–200 characters).")
        String topic;

        @Option(names = "--audience", required = true, description = "Who it is for.")
        String audience;

        @Option(names = "--level", required = true, description = "beginner, intermediate or advanced.")
        String level;

        @Option(names = "--hours", required = true, description = "Length in hours, 1–100.")
        int hours;

        @Option(names = "--objective", required = true, description = "A learning objective (give 3–10).")
        List<String> objectives;

        @Option(names = "--format", description = "text, video or interactive (default: text).")
        String format;

        @Option(names = "--language", description = "en, ja, … (default: en).")
        String language;

        @Override
        protected int run() throws InterruptedException {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("topic", topic);
            input.put("targetAudience", audience);
            input.put("difficulty", level);
            input.put("estimatedHours", hours);
            input.put("learningObjectives", objectives);
            putIfSet(input, "format", format);
            putIfSet(input, "language", language);
            return submit("course_generation", input);
        }
    }

    @Command(name = "document", description = "Start generating a document.")
    static final class CreateDocument extends Start {

        private static final Pattern DATA_POINT = Pattern.compile("([^=]+)=(.*)", Pattern.DOTALL);

        @Option(names = "--type", required = true, description = "proposal, contract, report, presentation or faq.")
        String documentType;

        @Option(names = "--title", required = true, description = "The document's title (3–200 characters).")
        String title;

        @Option(names = "--audience", required = true, description = "Who reads it.")
        String audience;

        @Option(
                names = "--data",
                paramLabel = "NAME=VALUE",
                description = "A data point (repeatable); numbers stay numbers.")
        List<String> data = new ArrayList<>();

        @Option(names = "--tone", description = "e.g. professional (the default), friendly, formal.")
        String tone;

        @Option(names = "--language", description = "en, ja, … (default: en).")
        String language;

        @Override
        protected int run() throws InterruptedException {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("documentType", documentType);
            input.put("title", title);
            input.put("audience", audience);
            if (!data.isEmpty()) {
                Map<String, Object> points = new LinkedHashMap<>();
                for (String point : data) {
                    Matcher matcher = DATA_POINT.matcher(point);
                    if (!matcher.matches()) {
                        throw CliException.usage("--data takes NAME=VALUE, got '" + point + "'.");
                    }
                    String value = matcher.group(2);
                    points.put(
                            matcher.group(1).strip(),
                            value.matches("-?\\d+(\\.\\d+)?") ? new BigDecimal(value) : value);
                }
                input.put("dataPoints", points);
            }
            putIfSet(input, "tone", tone);
            putIfSet(input, "language", language);
            return submit("document_generation", input);
        }
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    @Command(name = "list", description = "List my generation jobs, newest first (admins: everyone's).")
    static final class ListJobs extends ListCommand {

        @Option(names = "--status", description = "queued, running, completed, failed or cancelled.")
        String status;

        @Option(names = "--type", description = "course_generation or document_generation.")
        String type;

        @Override
        ApiResponse request() {
            return api().get(
                            "/api/ai/jobs",
                            MiyabiClient.params(
                                    "status", status, "type", type, "page", paging.page, "size", paging.size));
        }

        @Override
        Table table() {
            return new Table(console(), "ID", "TYPE", "TITLE", "PROGRESS", "STATUS", "CREATED")
                    .alignRight(3)
                    .flexible(2);
        }

        @Override
        void row(Table table, JsonNode job) {
            table.row(
                    shortId(job.path("id")),
                    text(job.path("type")).replace("_generation", ""),
                    Formats.jobTitle(job),
                    Formats.progressPercent(job) + " %",
                    Table.cell(text(job.path("status")), style()::status),
                    Formats.time(job.path("createdAt")));
        }
    }

    @Command(name = "show", description = "Show a job: status, progress, attempts, usage.")
    static final class Show extends ApiCommand {

        @Parameters(paramLabel = "ID", description = "Job id (or its first 8+ characters).")
        String id;

        @Override
        ApiResponse request() {
            return api().get("/api/ai/jobs/" + Ids.job(api(), id));
        }

        @Override
        void show(JsonNode job) {
            println(style().bold(Formats.jobTitle(job)));
            println("  id         " + text(job.path("id")));
            println("  type       " + text(job.path("type")));
            println("  status     " + style().status(text(job.path("status")))
                    + (job.path("cancelRequested").asBoolean(false) ? " (cancel requested)" : ""));
            println("  progress   " + progressLine(console(), job, 20));
            println("  attempts   " + job.path("attempts").asInt() + " of "
                    + job.path("maxAttempts").asInt());
            if (!text(job.path("error")).isEmpty()) {
                println("  error      " + style().red(text(job.path("error"))));
            }
            if (!job.path("orderId").isNull()) {
                println("  order      " + text(job.path("orderId")));
            }
            println("  tokens     " + job.path("tokenUsage").path("input").asLong() + " in, "
                    + job.path("tokenUsage").path("output").asLong() + " out; cost " + text(job.path("estimatedCost"))
                    + " USD");
            if (!job.path("generatedBy").isNull()) {
                println("  written by " + text(job.path("generatedBy").path("provider")) + " / "
                        + text(job.path("generatedBy").path("model")));
            }
            println("  created    " + Formats.time(job.path("createdAt")));
            if ("completed".equals(text(job.path("status")))) {
                println("");
                println(style().dim("Download: miyabi jobs result " + shortId(job.path("id")) + " --format pdf"));
            }
        }
    }

    /** {@code ████░░░░  40 %  6/15  Writing lesson 4 of 15: …} */
    static String progressLine(Console console, JsonNode job, int barWidth) {
        int percent = Formats.progressPercent(job);
        JsonNode progress = job.path("progress");
        String steps = progress.path("totalSteps").asInt(0) > 0
                ? "  " + progress.path("completedSteps").asInt() + "/"
                        + progress.path("totalSteps").asInt()
                : "";
        return Formats.bar(percent, barWidth, console.unicode()) + String.format(" %3d %%", percent) + steps + "  "
                + Text.oneLine(text(progress.path("message")));
    }

    @Command(
            name = "watch",
            description =
                    "Follow a job live with a progress bar: exit 0 when it completes, 6 when it fails or is cancelled.")
    static final class Watch extends Base {

        @Parameters(paramLabel = "ID", description = "Job id (or its first 8+ characters).")
        String id;

        @Override
        protected int run() throws InterruptedException {
            return follow(this, Ids.job(api(), id));
        }
    }

    /** Follows a job: a bar redrawn in place on a terminal, a line per step elsewhere. */
    static int follow(Base command, String jobId) throws InterruptedException {
        Console console = command.console();
        String[] lastLine = {""};
        JsonNode last = Follow.until(
                command.api(),
                "job:" + jobId,
                () -> command.api().get("/api/ai/jobs/" + jobId).json(),
                job -> FINAL.contains(text(job.path("status"))),
                job -> {
                    String line = Text.oneLine(text(job.path("status"))) + "  " + progressLine(console, job, 24);
                    if (console.isTerminal()) {
                        line = Text.truncate(line, console.width() - 1, console.ellipsis());
                        console.out.print("\r\u001b[2K" + line);
                    } else if (!line.equals(lastLine[0])) {
                        console.out.println(line);
                    }
                    lastLine[0] = line;
                    console.out.flush();
                },
                message -> {
                    if (console.isTerminal()) {
                        console.out.println();
                    }
                    console.err.println(console.style().yellow(message));
                });
        if (console.isTerminal()) {
            console.out.println();
        }
        String status = text(last.path("status"));
        String id = shortId(last.path("id"));
        switch (status) {
            case "completed" -> {
                console.out.println(console.style().green("Job " + id + " completed")
                        + (last.path("startedAt").isNull()
                                ? ""
                                : " in "
                                        + Formats.duration(Duration.between(
                                                Instant.parse(text(last.path("startedAt"))),
                                                Instant.parse(text(last.path("completedAt"))))))
                        + ". Download: miyabi jobs result " + id + " --format pdf");
                return 0;
            }
            case "failed" ->
                console.err.println(console.style().red("Job " + id + " failed: " + text(last.path("error"))));
            default -> console.err.println(console.style().red("Job " + id + " was " + status + "."));
        }
        return ExitCodes.NOT_COMPLETED;
    }

    @Command(
            name = "result",
            description = {
                "Download a completed job's result. Markdown, HTML and JSON go to standard output unless -o is given;",
                "a PDF is saved under the server's file name when -o is missing and the output is a terminal."
            })
    static final class Result extends Base {

        enum Format {
            json,
            md,
            html,
            pdf
        }

        @Parameters(paramLabel = "ID", description = "Job id (or its first 8+ characters).")
        String id;

        @Option(
                names = "--format",
                defaultValue = "json",
                description = "json, md, html or pdf (default: ${DEFAULT-VALUE}).")
        Format format;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "Write to this file.")
        Path output;

        @Override
        protected int run() throws IOException {
            String serverFormat = format == Format.md ? "markdown" : format.name();
            ApiResponse response =
                    api().get("/api/ai/jobs/" + Ids.job(api(), id) + "/result", Map.of("format", serverFormat));
            Path target = output;
            if (target == null && format == Format.pdf && console().isTerminal()) {
                target = Path.of(fileName(response.header("Content-Disposition"), id));
            }
            if (target == null) {
                console().out.write(response.body(), 0, response.body().length);
                console().out.flush();
                return 0;
            }
            Files.write(target, response.body());
            console().err.println("Saved " + target + " (" + (response.body().length + 1023) / 1024 + " KB).");
            return 0;
        }

        private static String fileName(String disposition, String fallback) {
            if (disposition != null) {
                Matcher matcher = Pattern.compile("filename=\"([^\"/\\\\]+)\"").matcher(disposition);
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
            return fallback + ".pdf";
        }
    }

    @Command(name = "cancel", description = "Cancel a queued or running job (a running one stops at its next step).")
    static final class Cancel extends ApiCommand {

        @Parameters(paramLabel = "ID", description = "Job id (or its first 8+ characters).")
        String id;

        @Override
        ApiResponse request() {
            return api().post("/api/ai/jobs/" + Ids.job(api(), id) + "/cancel", null);
        }

        @Override
        void show(JsonNode job) {
            boolean requested =
                    job.path("cancelRequested").asBoolean(false) && !"cancelled".equals(text(job.path("status")));
            println("Job " + shortId(job.path("id")) + ": " + style().status(text(job.path("status")))
                    + (requested ? " (cancel requested: it stops at its next step)" : "") + ".");
        }
    }

    @Command(name = "retry", description = "Retry a failed job; finished steps are kept.")
    static final class Retry extends Base {

        @Parameters(paramLabel = "ID", description = "Job id (or its first 8+ characters).")
        String id;

        @Option(names = "--watch", description = "Follow it until it ends.")
        boolean watch;

        @Mixin
        JsonOption json = new JsonOption();

        @Override
        protected int run() throws InterruptedException {
            ApiResponse response = api().post("/api/ai/jobs/" + Ids.job(api(), id) + "/retry", null);
            if (watch) {
                return follow(this, response.json().path("id").asString());
            }
            if (json.enabled) {
                printJson(response);
                return 0;
            }
            println("Job " + shortId(response.json().path("id")) + " is "
                    + style().status(text(response.json().path("status"))) + " again.");
            return 0;
        }
    }
}
