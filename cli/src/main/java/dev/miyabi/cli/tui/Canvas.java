package dev.miyabi.cli.tui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.WCWidth;

/** A screen of cells to draw text and boxes on; wide characters take two cells. */
final class Canvas {

    private static final int CONTINUATION = -1;

    private final int width;
    private final int height;
    private final int[][] chars;
    private final AttributedStyle[][] styles;
    private final boolean unicode;

    Canvas(int width, int height, boolean unicode) {
        this.width = width;
        this.height = height;
        this.unicode = unicode;
        this.chars = new int[height][width];
        this.styles = new AttributedStyle[height][width];
        for (int y = 0; y < height; y++) {
            Arrays.fill(chars[y], ' ');
            Arrays.fill(styles[y], AttributedStyle.DEFAULT);
        }
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    boolean unicode() {
        return unicode;
    }

    /** Writes {@code text} from (x, y), cut at {@code maxWidth} columns; returns the columns used. */
    int text(int x, int y, String text, int maxWidth, AttributedStyle style) {
        if (y < 0 || y >= height) {
            return 0;
        }
        int column = x;
        int limit = Math.min(width, x + maxWidth);
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            int cells = Math.max(0, WCWidth.wcwidth(codePoint));
            if (cells == 0) {
                continue;
            }
            if (column + cells > limit) {
                break;
            }
            if (column >= 0) {
                chars[y][column] = codePoint;
                styles[y][column] = style;
                if (cells == 2) {
                    chars[y][column + 1] = CONTINUATION;
                    styles[y][column + 1] = style;
                }
            }
            column += cells;
        }
        return column - x;
    }

    void text(int x, int y, String text, AttributedStyle style) {
        text(x, y, text, width - x, style);
    }

    void fill(int x, int y, int w, int h, AttributedStyle style) {
        for (int row = Math.max(0, y); row < Math.min(height, y + h); row++) {
            for (int column = Math.max(0, x); column < Math.min(width, x + w); column++) {
                chars[row][column] = ' ';
                styles[row][column] = style;
            }
        }
    }

    /** A box with a title in its top border. */
    void box(int x, int y, int w, int h, String title, AttributedStyle border, AttributedStyle titleStyle) {
        if (w < 2 || h < 2) {
            return;
        }
        String horizontal = unicode ? "─" : "-";
        String vertical = unicode ? "│" : "|";
        String[] corners = unicode ? new String[] {"┌", "┐", "└", "┘"} : new String[] {"+", "+", "+", "+"};
        text(x, y, corners[0] + horizontal.repeat(w - 2) + corners[1], w, border);
        text(x, y + h - 1, corners[2] + horizontal.repeat(w - 2) + corners[3], w, border);
        for (int row = y + 1; row < y + h - 1; row++) {
            text(x, row, vertical, 1, border);
            text(x + w - 1, row, vertical, 1, border);
        }
        if (title != null && !title.isEmpty()) {
            text(x + 2, y, " " + title + " ", w - 4, titleStyle);
        }
    }

    List<AttributedString> lines() {
        List<AttributedString> lines = new ArrayList<>(height);
        for (int y = 0; y < height; y++) {
            AttributedStringBuilder line = new AttributedStringBuilder(width);
            for (int x = 0; x < width; x++) {
                if (chars[y][x] != CONTINUATION) {
                    line.style(styles[y][x]).append(new String(Character.toChars(chars[y][x])));
                }
            }
            lines.add(line.toAttributedString());
        }
        return lines;
    }

    /** The screen as plain text, one line per row (for tests). */
    String plain() {
        StringBuilder text = new StringBuilder();
        for (AttributedString line : lines()) {
            text.append(line.toString()).append('\n');
        }
        return text.toString();
    }
}
