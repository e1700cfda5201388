package dev.miyabi.cli.output;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A plain-text table that fits the terminal: columns are as wide as their widest cell; when the
 * row is wider than the terminal, the columns marked flexible are cut (with an ellipsis), widest
 * first. Colour is applied after measuring, so it never breaks the alignment.
 */
public final class Table {

    /** A cell and how to colour it once padded. */
    public record Cell(String text, UnaryOperator<String> style) {}

    private static final int GAP = 2;
    private static final int MIN_FLEXIBLE = 8;

    private final Console console;
    private final String[] headers;
    private final Set<Integer> right = new HashSet<>();
    private final Set<Integer> flexible = new HashSet<>();
    private final List<Cell[]> rows = new ArrayList<>();

    public Table(Console console, String... headers) {
        this.console = console;
        this.headers = headers;
    }

    public static Cell cell(String text, UnaryOperator<String> style) {
        return new Cell(text, style);
    }

    public Table alignRight(int... columns) {
        for (int column : columns) {
            right.add(column);
        }
        return this;
    }

    public Table flexible(int... columns) {
        for (int column : columns) {
            flexible.add(column);
        }
        return this;
    }

    public Table row(Object... cells) {
        Cell[] row = new Cell[headers.length];
        for (int i = 0; i < headers.length; i++) {
            Object value = i < cells.length ? cells[i] : "";
            row[i] = value instanceof Cell cell
                    ? new Cell(Text.oneLine(cell.text()), cell.style())
                    : new Cell(Text.oneLine(value == null ? "" : String.valueOf(value)), UnaryOperator.identity());
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void print() {
        int[] widths = fit();
        Style style = console.style();
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < headers.length; i++) {
            header.append(style.bold(align(headers[i], widths[i], i))).append(i < headers.length - 1 ? "  " : "");
        }
        console.out.println(header.toString().stripTrailing());
        for (Cell[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String text = align(row[i].text(), widths[i], i);
                line.append(row[i].style().apply(text)).append(i < row.length - 1 ? "  " : "");
            }
            console.out.println(line.toString().stripTrailing());
        }
    }

    private String align(String text, int width, int column) {
        String fitted = Text.truncate(text, width, console.ellipsis());
        String padding = " ".repeat(Math.max(0, width - Text.width(fitted)));
        return right.contains(column) ? padding + fitted : fitted + padding;
    }

    private int[] fit() {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = Text.width(headers[i]);
            for (Cell[] row : rows) {
                widths[i] = Math.max(widths[i], Text.width(row[i].text()));
            }
        }
        int available = console.width();
        while (total(widths) > available) {
            int widest = -1;
            for (int column : flexible) {
                int floor = Math.max(MIN_FLEXIBLE, Text.width(headers[column]));
                if (widths[column] > floor && (widest < 0 || widths[column] > widths[widest])) {
                    widest = column;
                }
            }
            if (widest < 0) {
                break;
            }
            widths[widest] -= 1;
        }
        return widths;
    }

    private static int total(int[] widths) {
        int sum = GAP * (widths.length - 1);
        for (int width : widths) {
            sum += width;
        }
        return sum;
    }
}
