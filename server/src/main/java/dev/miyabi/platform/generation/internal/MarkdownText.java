package dev.miyabi.platform.generation.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small Markdown edits on text written by a model or the offline writers: heading levels made to fit
 * where the text is placed, and user text escaped so it reads literally.
 */
final class MarkdownText {

    private static final Pattern HEADING = Pattern.compile("^( {0,3})(#{1,6})(?=[ \\t]|$)");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

    private MarkdownText() {}

    /** Headings above {@code minLevel} (fewer #) are lowered to it, outside fenced code blocks. */
    static String clampHeadings(String markdown, int minLevel) {
        return rewriteHeadings(markdown, level -> Math.max(level, minLevel));
    }

    /** Every heading {@code by} levels deeper (at most 6), outside fenced code blocks. */
    static String shiftHeadings(String markdown, int by) {
        return rewriteHeadings(markdown, level -> Math.min(6, level + by));
    }

    private static String rewriteHeadings(String markdown, java.util.function.IntUnaryOperator level) {
        StringBuilder out = new StringBuilder(markdown.length() + 32);
        String fence = null;
        for (String line : markdown.split("\n", -1)) {
            Matcher fenceMatch = FENCE.matcher(line);
            if (fence == null && fenceMatch.find()) {
                fence = fenceMatch.group(1);
            } else if (fence != null && fenceMatch.find() && fenceMatch.group(1).startsWith(fence)) {
                fence = null;
            } else if (fence == null) {
                Matcher heading = HEADING.matcher(line);
                if (heading.find()) {
                    int to = level.applyAsInt(heading.group(2).length());
                    line = heading.group(1) + "#".repeat(to) + line.substring(heading.end());
                }
            }
            out.append(line).append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /** Text that Markdown shows as written: its punctuation escaped, on one line. */
    static String inline(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.replaceAll("\\s+", " ").strip().toCharArray()) {
            if ("\\`*_[]<>|~&".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A table cell: escaped, line breaks as spaces. */
    static String cell(String text) {
        return inline(text);
    }
}
