package dev.miyabi.cli.commands;

import dev.miyabi.cli.MiyabiCli;
import dev.miyabi.cli.api.ApiResponse;
import dev.miyabi.cli.api.MiyabiClient;
import dev.miyabi.cli.output.Console;
import dev.miyabi.cli.output.Style;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command shares: the server client, the console, printing the server's JSON. */
public abstract class Base implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    protected MiyabiCli root() {
        return (MiyabiCli) spec.root().userObject();
    }

    protected MiyabiClient api() {
        return root().client();
    }

    protected Console console() {
        return root().console();
    }

    protected Style style() {
        return console().style();
    }

    protected void println(String line) {
        console().out.println(line);
    }

    /** The body exactly as the server sent it, ending in a newline. */
    protected void printJson(ApiResponse response) {
        byte[] body = response.body();
        console().out.write(body, 0, body.length);
        if (body.length == 0 || body[body.length - 1] != '\n') {
            console().out.println();
        }
        console().out.flush();
    }

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    protected abstract int run() throws Exception;
}
