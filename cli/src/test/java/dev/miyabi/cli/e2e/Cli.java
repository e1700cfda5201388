package dev.miyabi.cli.e2e;

import dev.miyabi.cli.CliRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client with a config directory of its own ({@code XDG_CONFIG_HOME}) and no terminal: as a
 * user runs it, {@code java -jar miyabi.jar …} in its own process ({@link #runProcess}, with the
 * AOT cache the build made), or — for the many steps of a journey, at a fraction of the cost — the
 * same entry point in this JVM ({@link #run}).
 */
final class Cli {

    record Result(int exit, String out, String err) {

        JsonNode json() {
            return JSON.readTree(out);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path config;
    private final String url;

    Cli(Path config, String url) {
        this.config = config;
        this.url = url;
    }

    Path config() {
        return config;
    }

    static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty(
                "miyabi.java",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // As ./miyabi runs it.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        Path aot = Path.of(System.getProperty("miyabi.cli.aot", "target/miyabi.aot"));
        if (Files.isRegularFile(aot)) {
            command.add("-XX:AOTCache=" + aot);
        }
        command.add("-jar");
        command.add(System.getProperty("miyabi.cli.jar", "target/miyabi.jar"));
        command.addAll(List.of(args));
        return command;
    }

    /** {@code MiyabiCli.run}, the code behind {@code main}, in this JVM. */
    Result run(String... args) {
        return run(Map.of(), args);
    }

    Result run(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("XDG_CONFIG_HOME", config.toString());
        env.put("MIYABI_URL", url);
        CliRun run = CliRun.run(env, args);
        return new Result(run.exit(), run.out(), run.err());
    }

    Result runProcess(String... args) {
        return runProcessWithInput(null, args);
    }

    /** Runs {@code java -jar miyabi.jar} with {@code input} as standard input (as a pipe would). */
    Result runProcessWithInput(String input, String... args) {
        try {
            Path out = Files.createTempFile("miyabi-cli-out", ".txt");
            Path err = Files.createTempFile("miyabi-cli-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command(args))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("MIYABI_"));
            env.put("XDG_CONFIG_HOME", config.toString());
            env.put("MIYABI_URL", url);
            env.put("NO_COLOR", "1");
            env.put("LANG", "C.UTF-8");
            Process process = builder.start();
            try (var stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write((input + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("miyabi " + String.join(" ", args) + " did not finish in 3 minutes");
            }
            Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
