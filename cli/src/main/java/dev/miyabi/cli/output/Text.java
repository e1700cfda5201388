package dev.miyabi.cli.output;

import org.jline.utils.WCWidth;

/** Text measured in terminal columns: East Asian wide characters take two. */
public final class Text {

    private Text() {}

    public static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            width += Math.max(0, WCWidth.wcwidth(codePoint));
            i += Character.charCount(codePoint);
        }
        return width;
    }

    /** At most {@code columns} wide, ending in {@code ellipsis} when cut. */
    public static String truncate(String text, int columns, String ellipsis) {
        if (width(text) <= columns) {
            return text;
        }
        int budget = Math.max(0, columns - width(ellipsis));
        StringBuilder cut = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int w = Math.max(0, WCWidth.wcwidth(codePoint));
            if (used + w > budget) {
                break;
            }
            cut.appendCodePoint(codePoint);
            used += w;
            i += Character.charCount(codePoint);
        }
        return columns >= width(ellipsis) ? cut + ellipsis : cut.toString();
    }

    /** Pads (or truncates) to exactly {@code columns}. */
    public static String pad(String text, int columns, String ellipsis) {
        String fitted = truncate(text, columns, ellipsis);
        return fitted + " ".repeat(Math.max(0, columns - width(fitted)));
    }

    /** Single line: control characters and line breaks become spaces. */
    public static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    }
}
