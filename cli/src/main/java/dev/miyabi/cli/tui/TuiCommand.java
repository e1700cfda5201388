package dev.miyabi.cli.tui;

import dev.miyabi.cli.CliException;
import dev.miyabi.cli.ExitCodes;
import dev.miyabi.cli.commands.Base;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code miyabi tui}: the live full-screen dashboard. */
@Command(
        name = "tui",
        description = {
            "A live full-screen dashboard: my jobs with progress bars, my orders, the approvals waiting for me"
                    + " (decide with a, r, c), the agents, and for admins the live KPIs.",
            "Updated from the server's WebSocket; reconnects by itself. Keys: Tab, arrows, Enter, ? for help, q to quit."
        })
public final class TuiCommand extends Base {

    @Override
    protected int run() throws Exception {
        // Who am I: also fails (exit 5, then 3) before the screen is taken over.
        JsonNode me = api().get("/api/auth/me").json();
        if (System.console() == null) {
            throw new CliException(ExitCodes.USAGE, "The dashboard needs a terminal (standard input and output).");
        }
        try (Terminal terminal =
                TerminalBuilder.builder().system(true).name("miyabi").build()) {
            new Dashboard(api(), terminal, me).run();
        }
        return 0;
    }
}
