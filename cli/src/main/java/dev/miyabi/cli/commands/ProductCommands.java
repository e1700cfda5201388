package dev.miyabi.cli.commands;

import static dev.miyabi.cli.output.Formats.money;
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

/** The catalog. */
@Command(
        name = "products",
        description = "Browse the catalog.",
        subcommands = {ProductCommands.ListProducts.class, ProductCommands.Show.class})
public final class ProductCommands {

    @Command(name = "list", description = "List the products (active ones; admins see every status).")
    static final class ListProducts extends Base {

        @Option(names = "--q", description = "Words in the name or description.")
        String query;

        @Option(
                names = "--category",
                description = "ai_course_generation, ai_document_generation, ai_search_service,"
                        + " business_consulting or technical_support.")
        String category;

        @Mixin
        PageOptions paging = new PageOptions();

        @Mixin
        JsonOption json = new JsonOption();

        @Override
        protected int run() {
            ApiResponse response = api().get(
                            "/api/products",
                            MiyabiClient.params(
                                    "q",
                                    query,
                                    "category",
                                    category,
                                    "page",
                                    paging.page,
                                    "size",
                                    paging.size,
                                    "sort",
                                    "name,asc"));
            if (json.enabled) {
                printJson(response);
                return 0;
            }
            JsonNode list = response.json();
            Table table = new Table(console(), "ID", "NAME", "CATEGORY", "PRICE", "STATUS")
                    .alignRight(3)
                    .flexible(1, 2);
            for (JsonNode product : list.path("items")) {
                table.row(
                        shortId(product.path("id")),
                        text(product.path("name")),
                        text(product.path("category")),
                        money(product.path("price")),
                        Table.cell(text(product.path("status")), style()::status));
            }
            if (!table.isEmpty()) {
                table.print();
            }
            PageOptions.footer(console(), list);
            return 0;
        }
    }

    @Command(name = "show", description = "Show one product.")
    static final class Show extends Base {

        @Parameters(paramLabel = "ID", description = "Product id (or its first 8+ characters).")
        String id;

        @Mixin
        JsonOption json = new JsonOption();

        @Override
        protected int run() {
            ApiResponse response = api().get("/api/products/" + Ids.product(api(), id));
            if (json.enabled) {
                printJson(response);
                return 0;
            }
            JsonNode product = response.json();
            println(style().bold(text(product.path("name"))));
            println("  id        " + text(product.path("id")));
            println("  price     " + money(product.path("price")));
            println("  category  " + text(product.path("category")));
            println("  status    " + style().status(text(product.path("status"))));
            println("  updated   " + Formats.time(product.path("updatedAt")));
            if (!text(product.path("description")).isEmpty()) {
                println("");
                println(text(product.path("description")));
            }
            println("");
            println(style().dim("Order it: miyabi orders create --product " + shortId(product.path("id"))
                    + (product.path("category").asString("").startsWith("ai_")
                                    && !"ai_search_service"
                                            .equals(product.path("category").asString())
                            ? " --input request.json"
                            : "")));
            return 0;
        }
    }
}
