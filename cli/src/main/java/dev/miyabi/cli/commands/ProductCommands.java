package dev.miyabi.cli.commands;

import static dev.miyabi.cli.output.Formats.money;
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

/** The catalog. */
@Command(
        name = "products",
        description = "Browse the catalog.",
        subcommands = {ProductCommands.ListProducts.class, ProductCommands.Show.class})
public final class ProductCommands {

    @Command(name = "list", description = "List the products (active ones; admins see every status).")
    static final class ListProducts extends ListCommand {

        @Option(names = "--q", description = "Words in the name or description.")
        String query;

        @Option(
                names = "--category",
                description = "ai_course_generation, ai_document_generation, ai_search_service,"
                        + " business_consulting or technical_support.")
        String category;

        @Override
        ApiResponse request() {
            return api().get(
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
        }

        @Override
        Table table() {
            return new Table(console(), "ID", "NAME", "CATEGORY", "PRICE", "STATUS")
                    .alignRight(3)
                    .flexible(1, 2);
        }

        @Override
        void row(Table table, JsonNode product) {
            table.row(
                    shortId(product.path("id")),
                    text(product.path("name")),
                    text(product.path("category")),
                    money(product.path("price")),
                    Table.cell(text(product.path("status")), style()::status));
        }
    }

    @Command(name = "show", description = "Show one product.")
    static final class Show extends ApiCommand {

        @Parameters(paramLabel = "ID", description = "Product id (or its first 8+ characters).")
        String id;

        @Override
        ApiResponse request() {
            return api().get("/api/products/" + Ids.product(api(), id));
        }

        @Override
        void show(JsonNode product) {
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
            String category = text(product.path("category"));
            boolean generated = category.equals("ai_course_generation") || category.equals("ai_document_generation");
            println("");
            println(style().dim("Order it: miyabi orders create --product " + shortId(product.path("id"))
                    + (generated ? " --input request.json" : "")));
        }
    }
}
