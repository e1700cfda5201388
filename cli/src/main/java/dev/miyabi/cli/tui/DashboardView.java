package dev.miyabi.cli.tui;

import static dev.miyabi.cli.output.Formats.money;
import static dev.miyabi.cli.output.Formats.shortId;
import static dev.miyabi.cli.output.Formats.text;

import dev.miyabi.cli.output.Formats;
import dev.miyabi.cli.output.Text;
import dev.miyabi.cli.tui.UiState.Pane;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.utils.AttributedStyle;
import tools.jackson.databind.JsonNode;

/**
 * Draws the dashboard: a header with the account and the connection, for admins a KPI strip from
 * the live state and the metrics, four panes (Jobs, Orders, Approvals, Agents), a line about the
 * selected item and the keys. Fits 80×24 and redraws for any size from 60×16.
 */
final class DashboardView {

    static final int MIN_WIDTH = 60;
    static final int MIN_HEIGHT = 16;
    private static final int KPI_HEIGHT = 5;

    /** The five agents everyone may know of (their live figures need the approver role). */
    private static final String[][] AGENTS = {
        {"201", "Course Generator"},
        {"202", "Document Generator"},
        {"203", "Content Search"},
        {"204", "Payment Processor"},
        {"205", "Approval Workflow"}
    };

    private static final AttributedStyle PLAIN = AttributedStyle.DEFAULT;
    private static final AttributedStyle BOLD = AttributedStyle.BOLD;
    private static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
    private static final AttributedStyle SELECTED = AttributedStyle.DEFAULT.inverse();
    private static final AttributedStyle FOCUS = AttributedStyle.BOLD.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle GREEN = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle RED = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    private static final AttributedStyle YELLOW = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    private static final AttributedStyle CYAN = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);

    private DashboardView() {}

    static Canvas render(DashboardModel model, UiState ui, int width, int height, boolean unicode, long now) {
        Canvas canvas = new Canvas(width, height, unicode);
        if (width < MIN_WIDTH || height < MIN_HEIGHT) {
            canvas.text(
                    0,
                    0,
                    "Terminal too small: " + width + "×" + height + ", needs " + MIN_WIDTH + "×" + MIN_HEIGHT + ".",
                    BOLD);
            canvas.text(0, 1, "Enlarge it, or press q to quit.", PLAIN);
            return canvas;
        }
        header(canvas, model);
        int top = 1;
        if (model.isAdmin()) {
            kpis(canvas, model, top);
            top += KPI_HEIGHT;
        }
        int gridHeight = height - 2 - top;
        int upper = (gridHeight + 1) / 2;
        int left = width / 2;
        pane(canvas, ui, Pane.JOBS, 0, top, left, upper, jobRows(model, left - 2, unicode));
        pane(canvas, ui, Pane.ORDERS, left, top, width - left, upper, orderRows(model, width - left - 2, unicode));
        pane(
                canvas,
                ui,
                Pane.APPROVALS,
                0,
                top + upper,
                left,
                gridHeight - upper,
                approvalRows(model, left - 2, unicode));
        pane(
                canvas,
                ui,
                Pane.AGENTS,
                left,
                top + upper,
                width - left,
                gridHeight - upper,
                agentRows(model, width - left - 2, unicode));
        footer(canvas, model, ui, now);
        if (ui.overlay == UiState.Overlay.HELP) {
            help(canvas);
        } else if (ui.overlay == UiState.Overlay.DETAIL) {
            detail(canvas, model, ui);
        }
        if (ui.prompt != null) {
            prompt(canvas, ui.prompt);
        }
        return canvas;
    }

    // ---- header and KPIs -------------------------------------------------------------------

    private static void header(Canvas canvas, DashboardModel model) {
        String connection = switch (model.connection) {
            case ONLINE -> (canvas.unicode() ? "● " : "* ") + "live";
            case CONNECTING -> "connecting…";
            case RECONNECTING -> "reconnecting…";
            case CLOSED -> "offline" + (model.connectionDetail == null ? "" : ": " + model.connectionDetail);
        };
        AttributedStyle connectionStyle = switch (model.connection) {
            case ONLINE -> GREEN;
            case CLOSED -> RED;
            default -> YELLOW;
        };
        canvas.fill(0, 0, canvas.width(), 1, AttributedStyle.DEFAULT.inverse());
        String who = " Miyabi · " + (model.name.isEmpty() ? model.email : model.name + " <" + model.email + ">") + " · "
                + String.join(",", model.roles.stream().sorted().toList());
        int room = canvas.width() - Text.width(connection) - 2;
        canvas.text(0, 0, Text.truncate(who + " · " + model.server, room, "…"), room, AttributedStyle.BOLD.inverse());
        canvas.text(canvas.width() - Text.width(connection) - 1, 0, connection, connectionStyle.inverse());
    }

    private static void kpis(Canvas canvas, DashboardModel model, int top) {
        int width = canvas.width();
        JsonNode state = model.state;
        String title = "KPIs"
                + (state == null ? "" : " · state v" + state.path("version").asLong());
        canvas.box(0, top, width, KPI_HEIGHT, title, DIM, BOLD);
        if (state == null) {
            canvas.text(2, top + 1, "Loading the live state…", DIM);
            return;
        }
        JsonNode counts = state.path("businessState").path("counts");
        JsonNode orders = counts.path("orders");
        JsonNode jobs = counts.path("aiJobs");
        JsonNode payments = counts.path("payments");
        JsonNode users = state.path("userState");
        canvas.text(
                2,
                top + 1,
                "Orders   " + orders.path("completed").asLong() + " done · "
                        + orders.path("awaiting_approval").asLong()
                        + " to approve · " + orders.path("awaiting_payment").asLong() + " to pay · "
                        + orders.path("fulfilling").asLong()
                        + " fulfilling · " + orders.path("failed").asLong() + " failed",
                width - 4,
                PLAIN);
        canvas.text(
                2,
                top + 2,
                "AI jobs  " + jobs.path("queued").asLong() + " queued · "
                        + jobs.path("running").asLong() + " running · "
                        + jobs.path("completed").asLong() + " done · "
                        + jobs.path("failed").asLong() + " failed · Users "
                        + users.path("activeUsers").asLong() + " signed in, "
                        + users.path("openSockets").asLong() + " live",
                width - 4,
                PLAIN);
        JsonNode metrics = model.metrics;
        String success = metrics == null
                ? "Payments " + payments.path("succeeded").asLong() + " ok · "
                        + payments.path("failed").asLong() + " declined"
                : "Success  orders " + Formats.percent(metrics.path("orderCompletionRate")) + " · jobs "
                        + Formats.percent(metrics.path("aiJobSuccessRate")) + " · payments "
                        + Formats.percent(metrics.path("paymentSuccessRate")) + " (24 h) · p95 "
                        + (metrics.path("p95LatencyMs").isNumber()
                                ? Math.round(metrics.path("p95LatencyMs").asDouble()) + " ms"
                                : "—");
        canvas.text(2, top + 3, success, width - 4, PLAIN);
    }

    // ---- panes ---------------------------------------------------------------------------------

    /** One row of a pane: its text and style. */
    record Row(String text, AttributedStyle style) {}

    private static void pane(Canvas canvas, UiState ui, Pane pane, int x, int y, int w, int h, List<Row> rows) {
        boolean focused = ui.focus == pane;
        String title = (focused ? "▸ " : "")
                + pane.title
                + (rows.isEmpty() || rows.get(0).style() == DIM ? "" : " (" + rows.size() + ")");
        if (!canvas.unicode()) {
            title = title.replace("▸", ">");
        }
        canvas.box(x, y, w, h, title, focused ? FOCUS : DIM, focused ? FOCUS : BOLD);
        int visible = h - 2;
        int selected = Math.min(ui.selected(pane), Math.max(0, rows.size() - 1));
        int first = Math.max(0, Math.min(selected - visible + 1, rows.size() - visible));
        first = Math.max(0, Math.min(first, selected));
        for (int i = 0; i < visible && first + i < rows.size(); i++) {
            Row row = rows.get(first + i);
            boolean isSelected = focused && first + i == selected && row.style() != DIM;
            String text = Text.pad(row.text(), w - 2, "…");
            canvas.text(x + 1, y + 1 + i, text, w - 2, isSelected ? SELECTED : row.style());
        }
    }

    private static List<Row> jobRows(DashboardModel model, int width, boolean unicode) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode job : model.jobs()) {
            String status = text(job.path("status"));
            int percent = Formats.progressPercent(job);
            String right = " " + Formats.bar(percent, 10, unicode) + String.format(" %3d%% ", percent)
                    + Text.pad(status, 9, "…");
            String title = Text.pad(Formats.jobTitle(job), Math.max(4, width - Text.width(right)), "…");
            rows.add(new Row(title + right, statusStyle(status)));
        }
        return rows.isEmpty() ? List.of(new Row("No jobs yet: miyabi jobs create …", DIM)) : rows;
    }

    private static List<Row> orderRows(DashboardModel model, int width, boolean unicode) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode order : model.orders()) {
            String status = text(order.path("status")).replace('_', ' ');
            String right = " " + Text.pad(status, 17, "…");
            rows.add(new Row(
                    Text.pad(text(order.path("productName")), Math.max(4, width - Text.width(right)), "…") + right,
                    statusStyle(text(order.path("status")))));
        }
        return rows.isEmpty() ? List.of(new Row("No orders yet: miyabi orders create …", DIM)) : rows;
    }

    private static List<Row> approvalRows(DashboardModel model, int width, boolean unicode) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode request : model.inbox) {
            String right = " " + Text.pad(money(request.path("amount")), 13, "…");
            String who = text(request.path("requesterName")) + " · "
                    + text(request.path("category")).replace("ai_", "").replace('_', ' ');
            rows.add(new Row(Text.pad(who, Math.max(4, width - Text.width(right)), "…") + right, YELLOW));
        }
        return rows.isEmpty() ? List.of(new Row("Nothing waiting for your decision.", DIM)) : rows;
    }

    private static List<Row> agentRows(DashboardModel model, int width, boolean unicode) {
        List<Row> rows = new ArrayList<>();
        if (!model.seesAgents()) {
            for (String[] agent : AGENTS) {
                rows.add(new Row(agent[0] + " " + agent[1], PLAIN));
            }
            rows.add(new Row("Live status: approvers and admins.", DIM));
            return rows;
        }
        for (JsonNode agent : model.agents) {
            String status = text(agent.path("status"));
            String right = String.format(
                    " %-4s %2d▶ %4d✓ %3d✗",
                    status,
                    agent.path("activeTasks").asLong(),
                    agent.path("completedTasks").asLong(),
                    agent.path("failedTasks").asLong());
            if (!unicode) {
                right = right.replace("▶", "a").replace("✓", "d").replace("✗", "f");
            }
            String name = agent.path("id").asInt() + " " + text(agent.path("name"));
            rows.add(new Row(
                    Text.pad(name, Math.max(4, width - Text.width(right)), "…") + right,
                    "busy".equals(status) ? CYAN : PLAIN));
        }
        return rows.isEmpty() ? List.of(new Row("Loading…", DIM)) : rows;
    }

    private static AttributedStyle statusStyle(String status) {
        return switch (status) {
            case "completed", "approved", "succeeded", "paid" -> GREEN;
            case "failed", "rejected", "cancelled", "expired" -> RED;
            case "running", "fulfilling" -> CYAN;
            default -> PLAIN;
        };
    }

    // ---- footer, overlays ----------------------------------------------------------------------

    private static void footer(Canvas canvas, DashboardModel model, UiState ui, long now) {
        int y = canvas.height() - 2;
        if (ui.flash != null && now < ui.flashUntil) {
            canvas.text(1, y, ui.flash, canvas.width() - 2, ui.flashIsError ? RED : GREEN);
        } else {
            canvas.text(1, y, summary(model, ui), canvas.width() - 2, DIM);
        }
        String keys = ui.focus == Pane.APPROVALS && !model.inbox.isEmpty()
                ? "a approve  r reject  c request changes  Enter details  Tab pane  ? help  q quit"
                : "Tab pane  ↑↓ select  Enter details  ? help  q quit";
        canvas.fill(0, y + 1, canvas.width(), 1, AttributedStyle.DEFAULT.inverse());
        canvas.text(
                1,
                y + 1,
                canvas.unicode() ? keys : keys.replace("↑↓", "up/down"),
                canvas.width() - 2,
                AttributedStyle.DEFAULT.inverse());
    }

    /** The selected item in a line. */
    static String summary(DashboardModel model, UiState ui) {
        JsonNode item = selectedItem(model, ui);
        if (item == null) {
            return "";
        }
        return switch (ui.focus) {
            case JOBS ->
                shortId(item.path("id")) + " · " + text(item.path("progress").path("message"))
                        + (text(item.path("error")).isEmpty() ? "" : " · " + text(item.path("error")));
            case ORDERS ->
                shortId(item.path("id")) + " · " + item.path("quantity").asInt() + " × " + money(item.path("unitPrice"))
                        + " = " + money(item.path("total")) + " · " + lastNote(item);
            case APPROVALS ->
                shortId(item.path("id")) + " · " + text(item.path("policyName")) + " · stage "
                        + (item.path("currentStage").asInt() + 1) + "/"
                        + item.path("stages").size();
            case AGENTS ->
                text(item.path("type")) + " · average "
                        + item.path("avgDurationMs").asLong() + " ms per task";
        };
    }

    private static String lastNote(JsonNode order) {
        JsonNode timeline = order.path("timeline");
        return timeline.isEmpty() ? "" : text(timeline.get(timeline.size() - 1).path("note"));
    }

    static JsonNode selectedItem(DashboardModel model, UiState ui) {
        List<JsonNode> items = items(model, ui.focus);
        int index = ui.selected(ui.focus);
        return index >= 0 && index < items.size() ? items.get(index) : null;
    }

    static List<JsonNode> items(DashboardModel model, Pane pane) {
        return switch (pane) {
            case JOBS -> model.jobs();
            case ORDERS -> model.orders();
            case APPROVALS -> model.inbox;
            case AGENTS -> model.seesAgents() ? model.agents : List.of();
        };
    }

    private static void help(Canvas canvas) {
        String[] lines = {
            "Tab / Shift-Tab   next / previous pane",
            "↑ ↓  (k j)        select in the pane",
            "Enter             details of the selected item",
            "a / r / c         approve / reject / request changes",
            "                  (Approvals pane; a comment is asked)",
            "Esc               close this window",
            "q                 quit at once",
            "",
            "Everything updates live from the server (/ws).",
        };
        overlay(canvas, "Help", List.of(lines));
    }

    private static void detail(Canvas canvas, DashboardModel model, UiState ui) {
        JsonNode item = selectedItem(model, ui);
        if (item == null) {
            ui.overlay = UiState.Overlay.NONE;
            return;
        }
        List<String> lines = new ArrayList<>();
        String title;
        switch (ui.focus) {
            case JOBS -> {
                title = "Job " + shortId(item.path("id"));
                lines.add(Formats.jobTitle(item));
                lines.add("Status    " + text(item.path("status"))
                        + (item.path("cancelRequested").asBoolean(false) ? " (cancel requested)" : ""));
                lines.add("Progress  " + Formats.bar(Formats.progressPercent(item), 20, canvas.unicode()) + " "
                        + Formats.progressPercent(item) + "% ("
                        + item.path("progress").path("completedSteps").asInt() + "/"
                        + item.path("progress").path("totalSteps").asInt() + ")");
                lines.add("          " + text(item.path("progress").path("message")));
                lines.add("Attempts  " + item.path("attempts").asInt() + " of "
                        + item.path("maxAttempts").asInt());
                lines.add("Tokens    " + item.path("tokenUsage").path("input").asLong() + " in, "
                        + item.path("tokenUsage").path("output").asLong() + " out");
                if (!text(item.path("error")).isEmpty()) {
                    lines.add("Error     " + text(item.path("error")));
                }
                lines.add("Id        " + text(item.path("id")));
            }
            case ORDERS -> {
                title = "Order " + shortId(item.path("id"));
                lines.add(text(item.path("productName")) + " · "
                        + item.path("quantity").asInt() + " × " + money(item.path("unitPrice")));
                lines.add("Status " + text(item.path("status")) + " · total " + money(item.path("total")));
                lines.add("");
                for (JsonNode entry : item.path("timeline")) {
                    lines.add(Formats.time(entry.path("at")).substring(11) + " "
                            + Text.pad(text(entry.path("status")), 17, "…") + " " + text(entry.path("note")));
                }
            }
            case APPROVALS -> {
                title = "Approval " + shortId(item.path("id"));
                lines.add(text(item.path("requesterName")) + " asks " + money(item.path("amount")) + " for "
                        + text(item.path("category")));
                lines.add("Policy  " + text(item.path("policyName")));
                for (JsonNode stage : item.path("stages")) {
                    lines.add("Stage " + (stage.path("index").asInt() + 1) + "  " + text(stage.path("name")) + " ("
                            + text(stage.path("mode")) + ") · " + text(stage.path("status")));
                    for (JsonNode decision : stage.path("decisions")) {
                        lines.add("        " + text(decision.path("approverName")) + ": "
                                + text(decision.path("decision")) + " " + text(decision.path("comment")));
                    }
                }
                lines.add("Order   " + text(item.path("resourceId")));
                lines.add("");
                lines.add("a approve · r reject · c request changes · Esc close");
            }
            case AGENTS -> {
                title = "Agent " + item.path("id").asInt();
                lines.add(text(item.path("name")) + " (" + text(item.path("type")) + ")");
                if (!text(item.path("description")).isEmpty()) {
                    lines.add(text(item.path("description")));
                }
                lines.add("Status " + text(item.path("status")));
                for (Map.Entry<String, JsonNode> field : item.properties()) {
                    if (field.getKey().endsWith("Tasks")) {
                        lines.add("  " + field.getKey() + " " + field.getValue().asLong());
                    }
                }
                lines.add("Average " + item.path("avgDurationMs").asLong() + " ms per completed task");
            }
            default -> throw new IllegalStateException();
        }
        overlay(canvas, title, lines);
    }

    private static void overlay(Canvas canvas, String title, List<String> lines) {
        int width = Math.min(canvas.width() - 4, 76);
        int height = Math.min(canvas.height() - 2, lines.size() + 2);
        int x = (canvas.width() - width) / 2;
        int y = Math.max(1, (canvas.height() - height) / 2);
        canvas.fill(x, y, width, height, PLAIN);
        canvas.box(x, y, width, height, title, FOCUS, FOCUS);
        for (int i = 0; i < height - 2; i++) {
            canvas.text(x + 2, y + 1 + i, lines.get(i).replaceAll("\\p{Cntrl}", " "), width - 4, PLAIN);
        }
    }

    private static void prompt(Canvas canvas, UiState.Prompt prompt) {
        int width = Math.min(canvas.width() - 4, 76);
        int x = (canvas.width() - width) / 2;
        int y = canvas.height() - 6;
        String word = switch (prompt.decision()) {
            case "approve" -> "Approve";
            case "reject" -> "Reject";
            default -> "Request changes";
        };
        canvas.fill(x, y, width, 4, PLAIN);
        canvas.box(x, y, width, 4, word + " · " + prompt.label(), FOCUS, FOCUS);
        String hint = "approve".equals(prompt.decision())
                ? "Comment (optional), Enter to send, Esc to cancel:"
                : "Comment (required), Enter to send, Esc to cancel:";
        canvas.text(x + 2, y + 1, hint, width - 4, DIM);
        String text = prompt.comment().toString();
        int room = width - 6;
        String shown = Text.width(text) > room ? "…" + text.substring(Math.max(0, text.length() - room + 1)) : text;
        canvas.text(x + 2, y + 2, "> " + shown + "_", width - 4, BOLD);
    }
}
