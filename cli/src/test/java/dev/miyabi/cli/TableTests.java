package dev.miyabi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.cli.output.Console;
import dev.miyabi.cli.output.Table;
import dev.miyabi.cli.output.Text;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TableTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Console console(int width) {
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        return new Console(stream, stream, true, false, width);
    }

    @Test
    void aTableWiderThanTheTerminalCutsItsFlexibleColumnsToFit() {
        new Table(console(40), "ID", "NAME", "PRICE")
                .flexible(1)
                .alignRight(2)
                .row("27b76539", "Business Consulting: AI Adoption Workshop", "800.00 USD")
                .row("fe368ca9", "Content Search: Team Plan", "19.00 USD")
                .print();

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3);
        for (String line : lines) {
            assertThat(Text.width(line)).isLessThanOrEqualTo(40);
        }
        assertThat(lines[1])
                .startsWith("27b76539  Business Consulti…")
                .contains("…")
                .endsWith("800.00 USD");
        assertThat(lines[2]).endsWith(" 19.00 USD");
    }

    @Test
    void japaneseTextCountsTwoColumnsPerCharacter() {
        new Table(console(30), "ID", "TITLE", "STATUS")
                .flexible(1)
                .row("05ef5388", "クラウドアーキテクチャ入門講座", "running")
                .print();

        String row = out.toString(StandardCharsets.UTF_8).split("\n")[1];
        assertThat(Text.width(row)).isLessThanOrEqualTo(30);
        assertThat(row).startsWith("05ef5388  クラウド").endsWith("running");
    }

    @Test
    void aPipeGetsWholeCells() {
        new Table(console(Integer.MAX_VALUE), "NAME")
                .flexible(0)
                .row("A very long product name that a terminal would have cut")
                .print();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("that a terminal would have cut");
    }
}
