package dev.miyabi.cli.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A real pseudo-terminal: a tmux server of our own (its own socket, so nobody else's sessions are
 * touched) running one command; keys go in with {@code send-keys}, the screen comes out with
 * {@code capture-pane}.
 */
final class Tmux implements AutoCloseable {

    private final String socket = "miyabi-cli-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private final String session = "dashboard";

    Tmux(int width, int height, Map<String, String> env, List<String> command) {
        String environment = env.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + quote(entry.getValue()))
                .collect(Collectors.joining(" "));
        String shell =
                "env " + environment + " " + command.stream().map(Tmux::quote).collect(Collectors.joining(" "))
                        + "; echo \"[exited $?]\"; sleep 600";
        tmux("new-session", "-d", "-s", session, "-x", String.valueOf(width), "-y", String.valueOf(height), shell);
    }

    String screen() {
        return tmux("capture-pane", "-p", "-t", session);
    }

    /** Keys by tmux's names: "Tab", "Enter", "Down", "q"… */
    void keys(String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** Text typed as it is. */
    void type(String text) {
        tmux("send-keys", "-t", session, "-l", text);
    }

    void resize(int width, int height) {
        tmux("resize-window", "-t", session, "-x", String.valueOf(width), "-y", String.valueOf(height));
    }

    /** Waits until the screen satisfies {@code condition}; returns that screen. */
    String waitFor(String what, Duration timeout, Predicate<String> condition) {
        String[] last = {""};
        try {
            await(what).atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
                last[0] = screen();
                return condition.test(last[0]);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("Timed out waiting for " + what + "; the screen:\n" + last[0], e);
        }
        return last[0];
    }

    String waitFor(String text) {
        return waitFor("'" + text + "' on the screen", Duration.ofSeconds(60), screen -> screen.contains(text));
    }

    @Override
    public void close() {
        tmux("kill-server");
    }

    private String tmux(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("LANG", "C.UTF-8");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
