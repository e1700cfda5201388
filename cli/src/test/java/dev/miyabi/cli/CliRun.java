package dev.miyabi.cli;

import dev.miyabi.cli.output.Console;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the client in this JVM with a config directory of its own and captured output. */
record CliRun(int exit, String out, String err) {

    static CliRun run(Path configHome, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("XDG_CONFIG_HOME", configHome.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false,
                false,
                Integer.MAX_VALUE);
        int exit = MiyabiCli.run(env, console, args);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
