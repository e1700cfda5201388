package dev.miyabi.cli.commands;

import static dev.miyabi.cli.output.Formats.money;
import static dev.miyabi.cli.output.Formats.shortId;
import static dev.miyabi.cli.output.Formats.text;

import dev.miyabi.cli.api.ApiResponse;
import dev.miyabi.cli.api.MiyabiClient;
import dev.miyabi.cli.output.Formats;
import dev.miyabi.cli.output.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** Approval requests: the inbox, the details, the decisions. */
@Command(
        name = "approvals",
        description = "Approval requests: see them and decide (approvers and admins).",
        subcommands = {
            ApprovalCommands.ListApprovals.class,
            ApprovalCommands.Show.class,
            ApprovalCommands.Approve.class,
            ApprovalCommands.Reject.class,
            ApprovalCommands.RequestChanges.class
        })
public final class ApprovalCommands {

    @Command(
            name = "list",
            description =
                    "List approval requests: those I made or that name me (admins: all); --mine: those waiting for my decision.")
    static final class ListApprovals extends ListCommand {

        @Option(names = "--mine", description = "Only the requests waiting for my decision (my inbox).")
        boolean mine;

        @Option(
                names = "--status",
                description = "pending, approved, rejected, changes_requested, expired or cancelled.")
        String status;

        @Override
        ApiResponse request() {
            Map<String, Object> query = MiyabiClient.params("page", paging.page, "size", paging.size);
            if (mine) {
                query.put("status", status == null ? "pending" : status);
                query.put("assignedToMe", true);
            } else {
                query.put("status", status);
            }
            return api().get("/api/approvals", query);
        }

        @Override
        Table table() {
            return new Table(console(), "ID", "REQUESTER", "AMOUNT", "CATEGORY", "STAGE", "STATUS", "CREATED")
                    .alignRight(2)
                    .flexible(1, 3, 4);
        }

        @Override
        void row(Table table, JsonNode request) {
            table.row(
                    shortId(request.path("id")),
                    text(request.path("requesterName")),
                    money(request.path("amount")),
                    text(request.path("category")),
                    stageName(request),
                    Table.cell(text(request.path("status")), style()::status),
                    Formats.time(request.path("createdAt")));
        }
    }

    static String stageName(JsonNode request) {
        JsonNode stages = request.path("stages");
        int current = request.path("currentStage").asInt(0);
        JsonNode stage = stages.path(current);
        return stage.isMissingNode() ? "" : (current + 1) + "/" + stages.size() + " " + text(stage.path("name"));
    }

    @Command(name = "show", description = "Show an approval request with its stages, decisions and audit trail.")
    static final class Show extends ApiCommand {

        @Parameters(paramLabel = "ID", description = "Approval request id (or its first 8+ characters).")
        String id;

        @Override
        ApiResponse request() {
            return api().get("/api/approvals/" + Ids.approval(api(), id));
        }

        @Override
        void show(JsonNode request) {
            println(style().bold("Approval request " + text(request.path("id"))));
            println("  for       " + text(request.path("resourceType")) + " " + text(request.path("resourceId")));
            println("  requester " + text(request.path("requesterName")));
            println("  amount    " + money(request.path("amount")) + " (" + text(request.path("category")) + ")");
            println("  policy    " + text(request.path("policyName")));
            println("  status    " + style().status(text(request.path("status"))) + ", round "
                    + request.path("round").asInt());
            println("");
            println(style().bold("Stages"));
            for (JsonNode stage : request.path("stages")) {
                println("  " + (stage.path("index").asInt() + 1) + ". " + text(stage.path("name")) + " — "
                        + text(stage.path("mode")) + " of "
                        + stage.path("approvers").size() + " approver(s), "
                        + style().status(text(stage.path("status")))
                        + (stage.path("dueAt").isNull() ? "" : ", due " + Formats.time(stage.path("dueAt"))));
                for (JsonNode decision : stage.path("decisions")) {
                    println("     " + Formats.time(decision.path("at")) + "  " + text(decision.path("approverName"))
                            + ": "
                            + style().status(text(decision.path("decision")))
                            + (text(decision.path("comment")).isEmpty() ? "" : " — " + text(decision.path("comment"))));
                }
            }
            println("");
            println(style().bold("Audit trail"));
            for (JsonNode entry : request.path("audit")) {
                println("  " + Formats.time(entry.path("at")) + "  "
                        + text(entry.path("actor").path("name")) + "  "
                        + text(entry.path("action"))
                        + (text(entry.path("detail")).isEmpty() ? "" : " — " + text(entry.path("detail"))));
            }
        }
    }

    /** The three decisions differ only in their word. */
    abstract static class Decide extends ApiCommand {

        @Parameters(paramLabel = "ID", description = "Approval request id (or its first 8+ characters).")
        String id;

        abstract String decision();

        abstract String comment();

        @Override
        ApiResponse request() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("decision", decision());
            if (comment() != null) {
                body.put("comment", comment());
            }
            return api().post("/api/approvals/" + Ids.approval(api(), id) + "/decisions", body);
        }

        @Override
        void show(JsonNode request) {
            println("Recorded '" + decision().replace('_', ' ') + "' on " + shortId(request.path("id")) + " ("
                    + money(request.path("amount")) + " from " + text(request.path("requesterName"))
                    + "): the request is "
                    + style().status(text(request.path("status"))) + ".");
        }
    }

    @Command(name = "approve", description = "Approve a request waiting for me.")
    static final class Approve extends Decide {

        @Option(names = "--comment", description = "Why (optional).")
        String comment;

        @Override
        String decision() {
            return "approve";
        }

        @Override
        String comment() {
            return comment;
        }
    }

    @Command(name = "reject", description = "Reject a request waiting for me (the order is rejected).")
    static final class Reject extends Decide {

        @Option(names = "--comment", required = true, description = "Why (required).")
        String comment;

        @Override
        String decision() {
            return "reject";
        }

        @Override
        String comment() {
            return comment;
        }
    }

    @Command(
            name = "request-changes",
            description = "Ask the requester to revise the order's input ('miyabi orders revise').")
    static final class RequestChanges extends Decide {

        @Option(names = "--comment", required = true, description = "What to change (required).")
        String comment;

        @Override
        String decision() {
            return "request_changes";
        }

        @Override
        String comment() {
            return comment;
        }
    }
}
