package dev.miyabi.cli.commands;

import dev.miyabi.cli.api.ApiResponse;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

/**
 * A command that sends one request and shows the answer: as the server's JSON with
 * {@code --json}, else in words or a table.
 */
abstract class ApiCommand extends Base {

    @Mixin
    JsonOption json = new JsonOption();

    /** Sends the request; errors are thrown and become exit codes. */
    abstract ApiResponse request() throws Exception;

    /** Shows the answer to a person. */
    abstract void show(JsonNode answer) throws Exception;

    @Override
    protected int run() throws Exception {
        ApiResponse response = request();
        if (json.enabled) {
            printJson(response);
        } else {
            show(response.json());
        }
        return 0;
    }
}
