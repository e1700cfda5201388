package dev.miyabi.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client as a user runs it: {@code java -jar miyabi.jar …} in its own process (with the AOT
 * cache the build made), its own config directory ({@code XDG_CONFIG_HOME}), no terminal.
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
        Path aot = Path.of(System.getProperty("miyabi.cli.aot", "target/miyabi.aot"));
        if (Files.isRegularFile(aot)) {
            command.add("-XX:AOTCache=" + aot);
        }
        command.add("-jar");
        command.add(System.getProperty("miyabi.cli.jar", "target/miyabi.jar"));
        command.addAll(List.of(args));
        return command;
    }

    Result run(String... args) {
        return runWithInput(null, args);
    }

    /** Runs with {@code input} as standard input (one line, as a password pipe would). */
    Result runWithInput(String input, String... args) {
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
