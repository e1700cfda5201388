package dev.miyabi.cli;

import dev.miyabi.cli.output.Console;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the client in this JVM ({@code MiyabiCli.run}, what {@code main} calls) with captured output. */
public record CliRun(int exit, String out, String err) {

    public static CliRun run(Path configHome, String... args) {
        return run(Map.of("XDG_CONFIG_HOME", configHome.toString()), args);
    }

    /** With this environment (no terminal, no colour). */
    public static CliRun run(Map<String, String> env, String... args) {
        Map<String, String> environment = new HashMap<>(env);
        environment.put("NO_COLOR", "1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false,
                false,
                Integer.MAX_VALUE);
        int exit = MiyabiCli.run(environment, console, args);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
