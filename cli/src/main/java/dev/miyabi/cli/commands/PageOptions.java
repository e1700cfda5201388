package dev.miyabi.cli.commands;

import dev.miyabi.cli.output.Console;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code --page} and {@code --size} of the paged lists, and the line that says what is left. */
public final class PageOptions {

    @Option(names = "--page", defaultValue = "0", description = "Page to show, from 0 (default: ${DEFAULT-VALUE}).")
    public int page;

    @Option(names = "--size", defaultValue = "20", description = "Items per page, 1–100 (default: ${DEFAULT-VALUE}).")
    public int size;

    /** "Showing 21–40 of 45 · next: --page 2", or nothing when one page holds everything. */
    public static void footer(Console console, JsonNode list) {
        long total = list.path("total").asLong(0);
        int page = list.path("page").asInt(0);
        int size = list.path("size").asInt(20);
        int shown = list.path("items").size();
        if (total == 0) {
            console.out.println(console.style().dim("Nothing to show."));
        } else if (total > shown) {
            long from = (long) page * size + 1;
            String next = from + shown - 1 < total ? " · next: --page " + (page + 1) : "";
            console.out.println(
                    console.style().dim("Showing " + from + "–" + (from + shown - 1) + " of " + total + next));
        }
    }
}
