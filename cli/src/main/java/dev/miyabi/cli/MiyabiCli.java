package dev.miyabi.cli;

import dev.miyabi.cli.api.MiyabiClient;
import dev.miyabi.cli.api.SessionStore;
import dev.miyabi.cli.commands.AdminCommands;
import dev.miyabi.cli.commands.AgentCommands;
import dev.miyabi.cli.commands.ApprovalCommands;
import dev.miyabi.cli.commands.AuthCommands;
import dev.miyabi.cli.commands.CompletionCommand;
import dev.miyabi.cli.commands.HealthCommand;
import dev.miyabi.cli.commands.JobCommands;
import dev.miyabi.cli.commands.OrderCommands;
import dev.miyabi.cli.commands.ProductCommands;
import dev.miyabi.cli.commands.SearchCommand;
import dev.miyabi.cli.output.Console;
import dev.miyabi.cli.tui.TuiCommand;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code miyabi} terminal client: every command of the web UI for customers, approvers and
 * admins, and a live dashboard ({@code miyabi tui}). It talks to a Miyabi server over HTTP and
 * {@code /ws} only.
 */
@Command(
        name = "miyabi",
        mixinStandardHelpOptions = true,
        versionProvider = MiyabiCli.Version.class,
        sortOptions = false,
        description = "Terminal client for the Miyabi Business Platform.",
        footer = {
            "",
            "Start with: miyabi login --email you@example.com; miyabi products list; miyabi tui",
            "Ids: a whole id, or 8 or more of its first characters. --json on any read prints the server's JSON."
        },
        subcommands = {
            AuthCommands.Login.class,
            AuthCommands.Logout.class,
            AuthCommands.Whoami.class,
            AuthCommands.Register.class,
            ProductCommands.class,
            OrderCommands.class,
            ApprovalCommands.class,
            JobCommands.class,
            AgentCommands.class,
            SearchCommand.class,
            AdminCommands.State.class,
            AdminCommands.Metrics.class,
            AdminCommands.Users.class,
            TuiCommand.class,
            HealthCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class MiyabiCli implements Runnable {

    static final String DEFAULT_URL = "http://localhost:8080";

    @Option(
            names = "--url",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "Server base URL (default: $MIYABI_URL, else " + DEFAULT_URL + ").")
    String url;

    private final Map<String, String> env;
    private final Console console;
    private MiyabiClient client;

    public MiyabiCli(Map<String, String> env, Console console) {
        this.env = env;
        this.console = console;
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        System.exit(run(env, Console.system(env), args));
    }

    /** Runs one command line and answers its exit code. */
    public static int run(Map<String, String> env, Console console, String... args) {
        CommandLine commandLine = new CommandLine(new MiyabiCli(env, console))
                .setOut(new java.io.PrintWriter(console.out, true))
                .setErr(new java.io.PrintWriter(console.err, true))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((exception, failed, parseResult) -> {
                    if (exception instanceof CliException cli) {
                        console.err.println(console.style().red(cli.getMessage()));
                        return cli.exitCode();
                    }
                    if (exception instanceof java.io.UncheckedIOException io) {
                        console.err.println(console.style().red(io.getMessage()));
                        return ExitCodes.USAGE;
                    }
                    throw exception;
                });
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(
                console.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        decorate(commandLine);
        return commandLine.execute(args);
    }

    /** Every command gets --help and the list of exit codes. */
    private static void decorate(CommandLine commandLine) {
        if (commandLine.getCommandSpec().findOption("--help") == null) {
            commandLine.getCommandSpec().mixinStandardHelpOptions(true);
        }
        commandLine
                .getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCodes.helpList());
        commandLine.getSubcommands().values().forEach(MiyabiCli::decorate);
    }

    @Override
    public void run() {
        CommandLine.usage(this, console.out, console.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF);
    }

    public MiyabiClient client() {
        if (client == null) {
            String server = url != null ? url : env.getOrDefault("MIYABI_URL", DEFAULT_URL);
            client = new MiyabiClient(server.isBlank() ? DEFAULT_URL : server, SessionStore.forUser(env));
        }
        return client;
    }

    public Console console() {
        return console;
    }

    public Map<String, String> env() {
        return env;
    }

    /** The version from the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = MiyabiCli.class.getPackage().getImplementationVersion();
            return new String[] {"miyabi " + (version == null ? "development build" : version)};
        }
    }
}
