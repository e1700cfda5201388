package dev.miyabi.cli.commands;

import static dev.miyabi.cli.output.Formats.shortId;
import static dev.miyabi.cli.output.Formats.text;

import dev.miyabi.cli.api.ApiResponse;
import dev.miyabi.cli.api.MiyabiClient;
import dev.miyabi.cli.output.Formats;
import dev.miyabi.cli.output.Table;
import picocli.CommandLine.Command;
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
    static final class ListAgents extends ApiCommand {

        @Override
        ApiResponse request() {
            return api().get("/api/agents");
        }

        @Override
        void show(JsonNode agents) {
            Table table = new Table(console(), "ID", "AGENT", "STATUS", "ACTIVE", "DONE", "FAILED", "AVG")
                    .alignRight(3, 4, 5, 6)
                    .flexible(1);
            for (JsonNode agent : agents) {
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
        }
    }

    @Command(name = "tasks", description = "The task board, newest first.")
    static final class Tasks extends ListCommand {

        @Option(names = "--status", description = "submitted, working, completed, failed or cancelled.")
        String status;

        @Option(
                names = "--agent",
                description = "course_generator, document_generator, content_search, payment_processor,"
                        + " approval_workflow, or an id 201–205.")
        String agent;

        @Override
        ApiResponse request() {
            return api().get(
                            "/api/agents/tasks",
                            MiyabiClient.params(
                                    "status", status, "agent", agent, "page", paging.page, "size", paging.size));
        }

        @Override
        Table table() {
            return new Table(console(), "ID", "AGENT", "TITLE", "STATUS", "RETRIES", "UPDATED")
                    .alignRight(4)
                    .flexible(2);
        }

        @Override
        void row(Table table, JsonNode task) {
            table.row(
                    shortId(task.path("id")),
                    task.path("agentId").asInt(),
                    text(task.path("title")),
                    Table.cell(text(task.path("status")), style()::status),
                    task.path("retryCount").asInt(),
                    Formats.time(task.path("updatedAt")));
        }
    }

    /** Retry and cancel differ only in their path. */
    abstract static class TaskAction extends ApiCommand {

        @Parameters(paramLabel = "TASK", description = "Task id (or its first 8+ characters).")
        String id;

        abstract String action();

        @Override
        ApiResponse request() {
            return api().post("/api/agents/tasks/" + Ids.task(api(), id) + "/" + action(), null);
        }

        @Override
        void show(JsonNode task) {
            println("Task " + shortId(task.path("id")) + " (" + text(task.path("title")) + ") is "
                    + style().status(text(task.path("status"))) + ".");
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
