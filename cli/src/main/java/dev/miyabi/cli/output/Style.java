package dev.miyabi.cli.output;

import java.util.Set;

/** ANSI colours when the output is a terminal that wants them; plain text otherwise. */
public final class Style {

    private static final Set<String> GOOD =
            Set.of("completed", "approved", "succeeded", "active", "idle", "paid", "online");
    private static final Set<String> BAD =
            Set.of("failed", "rejected", "cancelled", "expired", "archived", "refunded", "partially_refunded");
    private static final Set<String> BUSY = Set.of("running", "fulfilling", "busy", "working", "processing");

    private final boolean enabled;

    Style(boolean enabled) {
        this.enabled = enabled;
    }

    public String bold(String text) {
        return wrap("1", text);
    }

    public String dim(String text) {
        return wrap("2", text);
    }

    public String red(String text) {
        return wrap("31", text);
    }

    public String green(String text) {
        return wrap("32", text);
    }

    public String yellow(String text) {
        return wrap("33", text);
    }

    public String cyan(String text) {
        return wrap("36", text);
    }

    /** A status word in the colour of its meaning: done, ended badly, at work, or waiting. */
    public String status(String status) {
        if (GOOD.contains(status)) {
            return green(status);
        }
        if (BAD.contains(status)) {
            return red(status);
        }
        return BUSY.contains(status) ? cyan(status) : yellow(status);
    }

    private String wrap(String code, String text) {
        return enabled ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    /** Display columns of a string, ignoring ANSI sequences (wide characters count two). */
    public static int width(String text) {
        return Text.width(text.replaceAll("\u001b\\[[0-9;]*m", ""));
    }
}
