package dev.miyabi.cli.commands;

import static dev.miyabi.cli.output.Formats.shortId;
import static dev.miyabi.cli.output.Formats.text;

import dev.miyabi.cli.CliException;
import dev.miyabi.cli.api.ApiResponse;
import dev.miyabi.cli.api.MiyabiClient;
import dev.miyabi.cli.output.Console;
import dev.miyabi.cli.output.Formats;
import dev.miyabi.cli.output.Table;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** What admins look at and change: the live state, the metrics, the users and their roles. */
public final class AdminCommands {

    private AdminCommands() {}

    @Command(name = "state", description = "The platform's live state: agents, counts by status, users (admins).")
    public static final class State extends ApiCommand {

        @Override
        ApiResponse request() {
            return api().get("/api/state");
        }

        @Override
        void show(JsonNode state) {
            println(style().bold("State v" + state.path("version").asLong())
                    + style().dim("  updated " + Formats.time(state.path("lastUpdated"))));
            println("");
            Table agents = new Table(console(), "AGENT", "STATUS", "QUEUED", "ACTIVE", "DONE", "FAILED", "CANCELLED")
                    .alignRight(2, 3, 4, 5, 6)
                    .flexible(0);
            for (JsonNode agent : state.path("agentState").path("agents")) {
                agents.row(
                        agent.path("id").asInt() + " " + text(agent.path("name")),
                        Table.cell(text(agent.path("status")), style()::status),
                        agent.path("submittedTasks").asLong(),
                        agent.path("activeTasks").asLong(),
                        agent.path("completedTasks").asLong(),
                        agent.path("failedTasks").asLong(),
                        agent.path("cancelledTasks").asLong());
            }
            agents.print();
            println("");
            for (Map.Entry<String, JsonNode> counts :
                    state.path("businessState").path("counts").properties()) {
                println(counts(console(), counts.getKey(), counts.getValue()));
            }
            JsonNode users = state.path("userState");
            println("");
            println(style().bold("users") + "  " + users.path("registeredUsers").asLong() + " registered, "
                    + users.path("activeUsers").asLong() + " with a session, "
                    + users.path("recentlyActiveUsers").asLong()
                    + " active in the last hour, " + users.path("openSockets").asLong() + " live connections");
        }
    }

    /** {@code orders  completed 40 · awaiting_payment 5 · …} (zero counts left out). */
    static String counts(Console console, String name, JsonNode counts) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> count : counts.properties()) {
            if (count.getValue().asLong() > 0) {
                parts.add(console.style().status(count.getKey()) + " "
                        + count.getValue().asLong());
            }
        }
        return console.style().bold(String.format("%-10s", name))
                + (parts.isEmpty() ? "none" : String.join(" · ", parts));
    }

    @Command(name = "metrics", description = "Success rates, the queue and API latency over the last hours (admins).")
    public static final class Metrics extends ApiCommand {

        @Option(
                names = "--hours",
                defaultValue = "24",
                description = "Window in hours, 1–168 (default: ${DEFAULT-VALUE}).")
        int hours;

        @Override
        ApiResponse request() {
            return api().get("/api/admin/metrics/summary", Map.of("hours", hours));
        }

        @Override
        void show(JsonNode metrics) {
            println(style().bold("Last " + metrics.path("window").path("hours").asInt() + " h"));
            println("  orders completed   " + Formats.percent(metrics.path("orderCompletionRate")));
            println("  AI jobs succeeded  " + Formats.percent(metrics.path("aiJobSuccessRate")));
            println("  payments succeeded " + Formats.percent(metrics.path("paymentSuccessRate")));
            println("  queue now          " + metrics.path("jobsQueued").asLong() + " queued, "
                    + metrics.path("jobsRunning").asLong() + " running");
            println("  API p95 latency    "
                    + (metrics.path("p95LatencyMs").isNumber()
                            ? metrics.path("p95LatencyMs").asDouble() + " ms"
                            : "—") + " over " + metrics.path("requests").asLong() + " requests");
            println("  orders per hour    " + sparkline(console(), metrics.path("series"), "ordersCreated"));
            println("  requests per hour  " + sparkline(console(), metrics.path("series"), "requests"));
        }
    }

    /** One character per hour, oldest first, scaled to the busiest hour. */
    static String sparkline(Console console, JsonNode series, String field) {
        String levels = console.unicode() ? "▁▂▃▄▅▆▇█" : "_.-=+*#%";
        long max = 0;
        for (JsonNode hour : series) {
            max = Math.max(max, hour.path(field).asLong());
        }
        StringBuilder line = new StringBuilder();
        for (JsonNode hour : series) {
            long value = hour.path(field).asLong();
            line.append(max == 0 ? levels.charAt(0) : levels.charAt((int) Math.min(7, value * 7 / max)));
        }
        return line + "  (max " + max + ")";
    }

    @Command(
            name = "users",
            description = "Accounts and their roles (admins).",
            subcommands = {ListUsers.class, UserRoles.class})
    public static final class Users {}

    @Command(name = "list", description = "List accounts.")
    static final class ListUsers extends ListCommand {

        @Option(names = "--q", description = "Part of the email or name.")
        String query;

        @Option(names = "--role", description = "customer, approver or admin.")
        String role;

        @Override
        ApiResponse request() {
            return api().get(
                            "/api/admin/users",
                            MiyabiClient.params("q", query, "role", role, "page", paging.page, "size", paging.size));
        }

        @Override
        Table table() {
            return new Table(console(), "ID", "EMAIL", "NAME", "ROLES", "SINCE").flexible(1, 2);
        }

        @Override
        void row(Table table, JsonNode user) {
            table.row(
                    shortId(user.path("id")),
                    text(user.path("email")),
                    text(user.path("name")),
                    AuthCommands.Roles.of(user),
                    Formats.time(user.path("createdAt")));
        }
    }

    @Command(name = "roles", description = "Give or take roles: users roles ID|EMAIL --add approver [--remove admin].")
    static final class UserRoles extends ApiCommand {

        @Parameters(paramLabel = "ID|EMAIL", description = "User id (or its first 8+ characters), or email.")
        String user;

        @Option(names = "--add", paramLabel = "ROLE", description = "approver or admin (repeatable).")
        List<String> add = new ArrayList<>();

        @Option(names = "--remove", paramLabel = "ROLE", description = "approver or admin (repeatable).")
        List<String> remove = new ArrayList<>();

        @Override
        ApiResponse request() {
            if (add.isEmpty() && remove.isEmpty()) {
                throw CliException.usage("Give --add ROLE or --remove ROLE.");
            }
            JsonNode current = Ids.user(api(), user);
            Set<String> roles = new LinkedHashSet<>();
            current.path("roles").forEach(role -> roles.add(role.asString()));
            roles.addAll(add);
            roles.removeAll(remove);
            return api().put("/api/admin/users/" + current.path("id").asString() + "/roles", Map.of("roles", roles));
        }

        @Override
        void show(JsonNode changed) {
            println(text(changed.path("email")) + " now has the roles: " + AuthCommands.Roles.of(changed)
                    + ". It takes effect at their next token refresh (within 15 minutes).");
        }
    }
}
