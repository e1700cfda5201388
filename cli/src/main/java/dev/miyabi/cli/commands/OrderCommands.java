package dev.miyabi.cli.commands;

import static dev.miyabi.cli.output.Formats.money;
import static dev.miyabi.cli.output.Formats.shortId;
import static dev.miyabi.cli.output.Formats.text;

import dev.miyabi.cli.ExitCodes;
import dev.miyabi.cli.api.ApiException;
import dev.miyabi.cli.api.ApiResponse;
import dev.miyabi.cli.api.MiyabiClient;
import dev.miyabi.cli.output.Console;
import dev.miyabi.cli.output.Formats;
import dev.miyabi.cli.output.Style;
import dev.miyabi.cli.output.Table;
import dev.miyabi.cli.output.Text;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** Orders: place, follow, pay, revise, cancel. */
@Command(
        name = "orders",
        description = "Place, pay and follow orders.",
        subcommands = {
            OrderCommands.Create.class,
            OrderCommands.ListOrders.class,
            OrderCommands.Show.class,
            OrderCommands.Pay.class,
            OrderCommands.Watch.class,
            OrderCommands.Revise.class,
            OrderCommands.Cancel.class
        })
public final class OrderCommands {

    static final Set<String> FINAL = Set.of("completed", "rejected", "cancelled", "failed");

    @Command(
            name = "create",
            description = {
                "Order a product. AI course and document products need --input: a JSON file with the"
                        + " generation request (see 'miyabi jobs create --help' for its fields).",
                "Each invocation sends a new Idempotency-Key, so a repeated command is a new order;"
                        + " give --idempotency-key to make a retry safe."
            })
    static final class Create extends ApiCommand {

        @Option(
                names = "--product",
                required = true,
                paramLabel = "ID",
                description = "Product id (or its first 8+ characters).")
        String product;

        @Option(names = "--quantity", defaultValue = "1", description = "1–100 (default: ${DEFAULT-VALUE}).")
        int quantity;

        @Option(
                names = "--input",
                paramLabel = "FILE|-",
                description = "JSON file with the order's input ('-': standard input).")
        String input;

        @Option(
                names = "--idempotency-key",
                paramLabel = "KEY",
                description = "Reuse a key to retry safely (default: a new one).")
        String idempotencyKey;

        @Override
        ApiResponse request() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("productId", Ids.product(api(), product));
            body.put("quantity", quantity);
            if (input != null) {
                body.put("input", InputFile.read(input));
            }
            String key =
                    idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
            return api().post("/api/orders", body, Map.of("Idempotency-Key", key));
        }

        @Override
        void show(JsonNode order) {
            String id = shortId(order.path("id"));
            println("Order " + id + " placed: " + text(order.path("productName")) + " × "
                    + order.path("quantity").asInt() + " = " + money(order.path("total")) + " — "
                    + style().status(text(order.path("status"))));
            if ("awaiting_approval".equals(text(order.path("status")))) {
                println(style().dim("It needs approval first. Follow it: miyabi orders watch " + id));
            } else if ("awaiting_payment".equals(text(order.path("status")))) {
                println(style().dim("Pay it: miyabi orders pay " + id + " --method pm_card_visa"));
            }
        }
    }

    @Command(name = "list", description = "List my orders, newest first (admins: everyone's).")
    static final class ListOrders extends ListCommand {

        @Option(
                names = "--status",
                description =
                        "pending, awaiting_approval, awaiting_payment, paid, fulfilling, completed, rejected, cancelled or failed.")
        String status;

        @Override
        ApiResponse request() {
            return api().get(
                            "/api/orders",
                            MiyabiClient.params("status", status, "page", paging.page, "size", paging.size));
        }

        @Override
        Table table() {
            return new Table(console(), "ID", "PRODUCT", "QTY", "TOTAL", "STATUS", "CREATED")
                    .alignRight(2, 3)
                    .flexible(1);
        }

        @Override
        void row(Table table, JsonNode order) {
            table.row(
                    shortId(order.path("id")),
                    text(order.path("productName")),
                    order.path("quantity").asInt(),
                    money(order.path("total")),
                    Table.cell(text(order.path("status")), style()::status),
                    Formats.time(order.path("createdAt")));
        }
    }

    @Command(name = "show", description = "Show an order with its timeline.")
    static final class Show extends ApiCommand {

        @Parameters(paramLabel = "ID", description = "Order id (or its first 8+ characters).")
        String id;

        @Override
        ApiResponse request() {
            return api().get("/api/orders/" + Ids.order(api(), id));
        }

        @Override
        void show(JsonNode order) {
            printOrder(console(), order);
            println("");
            println(style().bold("Timeline"));
            for (JsonNode entry : order.path("timeline")) {
                println(timelineLine(console(), entry));
            }
        }
    }

    static void printOrder(Console console, JsonNode order) {
        Style style = console.style();
        console.out.println(style.bold("Order " + text(order.path("id"))));
        console.out.println(
                "  product   " + text(order.path("productName")) + " (" + text(order.path("category")) + ")");
        console.out.println("  amount    " + order.path("quantity").asInt() + " × " + money(order.path("unitPrice"))
                + " = " + money(order.path("total")));
        console.out.println("  status    " + style.status(text(order.path("status"))));
        if (!order.path("approvalId").isNull()) {
            console.out.println("  approval  " + text(order.path("approvalId")));
        }
        if (!order.path("paymentId").isNull()) {
            console.out.println("  payment   " + text(order.path("paymentId")));
        }
        if (!order.path("aiJobId").isNull()) {
            console.out.println("  AI job    " + text(order.path("aiJobId")));
        }
        console.out.println("  created   " + Formats.time(order.path("createdAt")));
    }

    static String timelineLine(Console console, JsonNode entry) {
        Style style = console.style();
        String status = Text.pad(text(entry.path("status")), 18, console.ellipsis());
        String actor = Text.pad(text(entry.path("actor").path("name")), 22, console.ellipsis());
        String line = "  " + Formats.time(entry.path("at")) + "  " + style.status(status) + "  " + actor + "  ";
        int room = console.width() == Integer.MAX_VALUE ? Integer.MAX_VALUE : console.width() - Style.width(line);
        return line + Text.truncate(Text.oneLine(text(entry.path("note"))), Math.max(10, room), console.ellipsis());
    }

    @Command(
            name = "pay",
            description = {
                "Pay an order that awaits payment. The sandbox's test methods: pm_card_visa and"
                        + " pm_card_mastercard succeed; pm_card_chargeDeclined, pm_card_chargeDeclinedInsufficientFunds"
                        + " and pm_card_chargeDeclinedExpiredCard are declined (pay again with another).",
                "Each invocation sends a new Idempotency-Key unless --idempotency-key is given."
            })
    static final class Pay extends Base {

        @Parameters(paramLabel = "ID", description = "Order id (or its first 8+ characters).")
        String id;

        @Option(
                names = "--method",
                required = true,
                paramLabel = "PM",
                description = "A payment-method token, e.g. pm_card_visa.")
        String method;

        @Option(
                names = "--idempotency-key",
                paramLabel = "KEY",
                description = "Reuse a key to retry safely (default: a new one).")
        String idempotencyKey;

        @Mixin
        JsonOption json = new JsonOption();

        @Override
        protected int run() {
            String orderId = Ids.order(api(), id);
            String key =
                    idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
            ApiResponse response;
            try {
                response = api().post(
                                "/api/orders/" + orderId + "/payments",
                                Map.of("paymentMethod", method),
                                Map.of("Idempotency-Key", key));
            } catch (ApiException e) {
                if (!"payment_declined".equals(e.code())) {
                    throw e;
                }
                if (json.enabled) {
                    console().out.println(e.problem().toString());
                }
                console()
                        .err
                        .println("Payment declined: "
                                + e.problem().path("declineMessage").asString("")
                                + " (" + e.problem().path("declineCode").asString("")
                                + "). The order still awaits payment:"
                                + " pay again with another method.");
                return ExitCodes.REFUSED;
            }
            if (json.enabled) {
                printJson(response);
                return 0;
            }
            JsonNode payment = response.json();
            if (response.status() == 202) {
                println("Payment " + shortId(payment.path("id")) + " is processing: the gateway has not answered yet;"
                        + " it settles by itself. Follow it: miyabi orders watch " + shortId(payment.path("orderId")));
            } else {
                println("Paid " + money(payment.path("amount")) + " (payment " + shortId(payment.path("id")) + ", "
                        + text(payment.path("paymentMethodType")) + "). Order " + shortId(payment.path("orderId"))
                        + " is paid; fulfilment starts now.");
            }
            return 0;
        }
    }

    @Command(
            name = "watch",
            description = "Follow an order's timeline live until it completes (exit 0) or ends otherwise (exit 6).")
    static final class Watch extends Base {

        @Parameters(paramLabel = "ID", description = "Order id (or its first 8+ characters).")
        String id;

        @Override
        protected int run() throws InterruptedException {
            String orderId = Ids.order(api(), id);
            int[] printed = {0};
            JsonNode last = Follow.until(
                    api(),
                    "order:" + orderId,
                    () -> api().get("/api/orders/" + orderId).json(),
                    order -> FINAL.contains(text(order.path("status"))),
                    order -> {
                        if (printed[0] == 0) {
                            printOrder(console(), order);
                            println("");
                        }
                        JsonNode timeline = order.path("timeline");
                        for (; printed[0] < timeline.size(); printed[0]++) {
                            println(timelineLine(console(), timeline.get(printed[0])));
                        }
                        console().out.flush();
                    },
                    message -> console().err.println(style().yellow(message)));
            return "completed".equals(text(last.path("status"))) ? 0 : ExitCodes.NOT_COMPLETED;
        }
    }

    @Command(
            name = "revise",
            description = "Send a new input for an order whose approver requested changes (reopens the approval).")
    static final class Revise extends ApiCommand {

        @Parameters(paramLabel = "ID", description = "Order id (or its first 8+ characters).")
        String id;

        @Option(
                names = "--input",
                required = true,
                paramLabel = "FILE|-",
                description = "JSON file with the revised input ('-': standard input).")
        String input;

        @Override
        ApiResponse request() {
            return api().patch("/api/orders/" + Ids.order(api(), id), Map.of("input", InputFile.read(input)));
        }

        @Override
        void show(JsonNode order) {
            println("Order " + shortId(order.path("id")) + " revised; its approval starts again ("
                    + style().status(text(order.path("status"))) + ").");
        }
    }

    @Command(name = "cancel", description = "Cancel an order (before payment; after it only admins, with a refund).")
    static final class Cancel extends ApiCommand {

        @Parameters(paramLabel = "ID", description = "Order id (or its first 8+ characters).")
        String id;

        @Option(names = "--reason", description = "Recorded in the timeline.")
        String reason;

        @Override
        ApiResponse request() {
            Object body = reason == null ? null : Map.of("reason", reason);
            return api().post("/api/orders/" + Ids.order(api(), id) + "/cancel", body);
        }

        @Override
        void show(JsonNode order) {
            println("Order " + shortId(order.path("id")) + " is " + style().status(text(order.path("status"))) + ".");
        }
    }
}
