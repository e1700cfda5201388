package dev.miyabi.cli.commands;

import dev.miyabi.cli.output.Table;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

/** A paged list ({@code {items, page, size, total}}) shown as a table. */
abstract class ListCommand extends ApiCommand {

    @Mixin
    PageOptions paging = new PageOptions();

    /** The table's columns. */
    abstract Table table();

    /** One item as a row of the table. */
    abstract void row(Table table, JsonNode item);

    @Override
    void show(JsonNode list) {
        Table table = table();
        for (JsonNode item : list.path("items")) {
            row(table, item);
        }
        if (!table.isEmpty()) {
            table.print();
        }
        PageOptions.footer(console(), list);
    }
}
