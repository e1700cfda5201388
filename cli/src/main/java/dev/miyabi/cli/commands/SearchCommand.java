package dev.miyabi.cli.commands;

import static dev.miyabi.cli.output.Formats.shortId;
import static dev.miyabi.cli.output.Formats.text;

import dev.miyabi.cli.api.ApiResponse;
import dev.miyabi.cli.api.MiyabiClient;
import dev.miyabi.cli.output.Table;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** Hybrid search over products and the user's generated content. */
@Command(
        name = "search",
        description = "Search products and your generated courses, documents and uploads (keyword and semantic).")
public final class SearchCommand extends ApiCommand {

    @Parameters(paramLabel = "QUERY", arity = "1..*", description = "What to look for.")
    List<String> words;

    @Option(names = "--types", split = ",", description = "Any of product, course, document, upload (comma-separated).")
    List<String> types = new ArrayList<>();

    @Option(names = "--limit", defaultValue = "20", description = "1–100 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    ApiResponse request() {
        return api().get(
                        "/api/search",
                        MiyabiClient.params(
                                "q",
                                String.join(" ", words),
                                "types",
                                types.isEmpty() ? null : String.join(",", types),
                                "limit",
                                limit));
    }

    @Override
    void show(JsonNode answer) {
        Table table = new Table(console(), "TYPE", "ID", "TITLE", "SCORE", "MATCHED", "SNIPPET")
                .alignRight(3)
                .flexible(2, 5);
        for (JsonNode result : answer.path("results")) {
            List<String> matchedBy = new ArrayList<>();
            result.path("matchedBy").forEach(how -> matchedBy.add(how.asString()));
            table.row(
                    text(result.path("type")),
                    shortId(result.path("id")),
                    text(result.path("title")),
                    String.format("%.3f", result.path("score").asDouble()),
                    String.join("+", matchedBy),
                    text(result.path("snippet")));
        }
        if (table.isEmpty()) {
            println(style().dim("Nothing found."));
        } else {
            table.print();
            println(style().dim(answer.path("results").size() + " results in "
                    + answer.path("tookMs").asLong() + " ms"));
        }
    }
}
