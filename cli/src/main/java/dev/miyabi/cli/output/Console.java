package dev.miyabi.cli.output;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a command writes, and what that place can show: whether it is a terminal (then colour,
 * unless {@code NO_COLOR} is set or {@code TERM=dumb}), how wide it is ({@code COLUMNS}, else the
 * terminal's size; unlimited when the output goes to a pipe or file), and whether its character
 * set has the block and ellipsis characters.
 */
public final class Console {

    public final PrintStream out;
    public final PrintStream err;
    private final boolean terminal;
    private final boolean colour;
    private final int width;
    private final boolean unicode;

    public Console(PrintStream out, PrintStream err, boolean terminal, boolean colour, int width) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.colour = colour;
        this.width = width;
        Charset charset = out.charset();
        this.unicode = charset.newEncoder().canEncode("█░…▁");
    }

    /** The console of this process. */
    public static Console system(Map<String, String> env) {
        boolean terminal = System.console() != null;
        String noColour = env.get("NO_COLOR");
        boolean colour = terminal && (noColour == null || noColour.isEmpty()) && !"dumb".equals(env.get("TERM"));
        int width = Integer.MAX_VALUE;
        String columns = env.get("COLUMNS");
        if (columns != null && columns.matches("\\d{1,4}")) {
            width = Integer.parseInt(columns);
        } else if (terminal) {
            width = terminalColumns();
        }
        return new Console(System.out, System.err, terminal, colour, width);
    }

    public boolean isTerminal() {
        return terminal;
    }

    public boolean colour() {
        return colour;
    }

    /** Columns available; {@link Integer#MAX_VALUE} when not a terminal. */
    public int width() {
        return width;
    }

    public boolean unicode() {
        return unicode;
    }

    public String ellipsis() {
        return unicode ? "…" : "~";
    }

    public Style style() {
        return new Style(colour);
    }

    /** {@code stty size} on the controlling terminal: the one portable way without native code. */
    private static int terminalColumns() {
        try {
            Process stty = new ProcessBuilder("stty", "size")
                    .redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String size = new String(stty.getInputStream().readAllBytes()).strip();
            if (stty.waitFor(2, TimeUnit.SECONDS) && size.matches("\\d+ \\d+")) {
                int columns = Integer.parseInt(size.split(" ")[1]);
                return columns > 0 ? columns : 80;
            }
        } catch (IOException e) {
            // no stty or no terminal: fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 80;
    }
}
