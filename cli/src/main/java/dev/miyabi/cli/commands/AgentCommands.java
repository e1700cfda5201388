package dev.miyabi.cli.commands;

import static dev.miyabi.cli.output.Formats.shortId;
import static dev.miyabi.cli.output.Formats.text;

import dev.miyabi.cli.api.ApiResponse;
import dev.miyabi.cli.api.MiyabiClient;
import dev.miyabi.cli.output.Formats;
import dev.miyabi.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** The five business agents and their task board (approvers and admins). */
@Command(
        name = "agents",
        description = "The five business agents and their task board (approvers and admins; retry/cancel: admins).",
        subcommands = {
            AgentCommands.ListAgents.class,
            AgentCommands.Tasks.class,
            AgentCommands.RetryTask.class,
            AgentCommands.CancelTask.class
        })
public final class AgentCommands {

    @Command(name = "list", description = "The agents with their status and task counts.")
    static final class ListAgents extends Base {

        @Mixin
        JsonOption json = new JsonOption();

        @Override
        protected int run() {
            ApiResponse response = api().get("/api/agents");
            if (json.enabled) {
                printJson(response);
                return 0;
            }
            Table table = new Table(console(), "ID", "AGENT", "STATUS", "ACTIVE", "DONE", "FAILED", "AVG")
                    .alignRight(3, 4, 5, 6)
                    .flexible(1);
            for (JsonNode agent : response.json()) {
                table.row(
                        agent.path("id").asInt(),
                        text(agent.path("name")),
                        Table.cell(text(agent.path("status")), style()::status),
                        agent.path("activeTasks").asLong(),
                        agent.path("completedTasks").asLong(),
                        agent.path("failedTasks").asLong(),
                        agent.path("avgDurationMs").asLong() + " ms");
            }
            table.print();
            return 0;
        }
    }

    @Command(name = "tasks", description = "The task board, newest first.")
    static final class Tasks extends Base {

        @Option(names = "--status", description = "submitted, working, completed, failed or cancelled.")
        String status;

        @Option(
                names = "--agent",
                description = "course_generator, document_generator, content_search, payment_processor,"
                        + " approval_workflow, or an id 201–205.")
        String agent;

        @Mixin
        PageOptions paging = new PageOptions();

        @Mixin
        JsonOption json = new JsonOption();

        @Override
        protected int run() {
            ApiResponse response = api().get(
                            "/api/agents/tasks",
                            MiyabiClient.params(
                                    "status", status, "agent", agent, "page", paging.page, "size", paging.size));
            if (json.enabled) {
                printJson(response);
                return 0;
            }
            JsonNode list = response.json();
            Table table = new Table(console(), "ID", "AGENT", "TITLE", "STATUS", "RETRIES", "UPDATED")
                    .alignRight(4)
                    .flexible(2);
            for (JsonNode task : list.path("items")) {
                table.row(
                        shortId(task.path("id")),
                        task.path("agentId").asInt(),
                        text(task.path("title")),
                        Table.cell(text(task.path("status")), style()::status),
                        task.path("retryCount").asInt(),
                        Formats.time(task.path("updatedAt")));
            }
            if (!table.isEmpty()) {
                table.print();
            }
            PageOptions.footer(console(), list);
            return 0;
        }
    }

    /** Retry and cancel differ only in their path. */
    abstract static class TaskAction extends Base {

        @Parameters(paramLabel = "TASK", description = "Task id (or its first 8+ characters).")
        String id;

        @Mixin
        JsonOption json = new JsonOption();

        abstract String action();

        @Override
        protected int run() {
            ApiResponse response = api().post("/api/agents/tasks/" + Ids.task(api(), id) + "/" + action(), null);
            if (json.enabled) {
                printJson(response);
                return 0;
            }
            JsonNode task = response.json();
            println("Task " + shortId(task.path("id")) + " (" + text(task.path("title")) + ") is "
                    + style().status(text(task.path("status"))) + ".");
            return 0;
        }
    }

    @Command(name = "retry", description = "Retry a failed task (at most 3 times; admins).")
    static final class RetryTask extends TaskAction {
        @Override
        String action() {
            return "retry";
        }
    }

    @Command(name = "cancel", description = "Cancel a submitted or working task, and its AI job (admins).")
    static final class CancelTask extends TaskAction {
        @Override
        String action() {
            return "cancel";
        }
    }
}
