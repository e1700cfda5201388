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
import java.util.LinkedHashMap;
import java.util.List;
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
        })
public final class MiyabiCli implements Runnable {

    static final String DEFAULT_URL = "http://localhost:8080";

    /**
     * The commands, in the order help lists them. Building picocli's model of a command costs
     * reflection on all its classes, so a command line gets only the command it names (its whole
     * subtree); help, completion and unknown words get them all.
     */
    private static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("login", AuthCommands.Login.class);
        commands.put("logout", AuthCommands.Logout.class);
        commands.put("whoami", AuthCommands.Whoami.class);
        commands.put("register", AuthCommands.Register.class);
        commands.put("products", ProductCommands.class);
        commands.put("orders", OrderCommands.class);
        commands.put("approvals", ApprovalCommands.class);
        commands.put("jobs", JobCommands.class);
        commands.put("agents", AgentCommands.class);
        commands.put("search", SearchCommand.class);
        commands.put("state", AdminCommands.State.class);
        commands.put("metrics", AdminCommands.Metrics.class);
        commands.put("users", AdminCommands.Users.class);
        commands.put("tui", TuiCommand.class);
        commands.put("health", HealthCommand.class);
        commands.put("completion", CompletionCommand.class);
        commands.put("help", CommandLine.HelpCommand.class);
        return commands;
    }

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
        CommandLine commandLine = new CommandLine(new MiyabiCli(env, console));
        String named = firstWord(args);
        boolean versionOnly =
                named == null && List.of(args).stream().anyMatch(arg -> arg.equals("-V") || arg.equals("--version"));
        boolean all = !versionOnly
                && (named == null
                        || !COMMANDS.containsKey(named)
                        || named.equals("completion")
                        || named.equals("help"));
        COMMANDS.forEach((name, command) -> {
            if (all || name.equals(named)) {
                commandLine.addSubcommand(name, command);
            }
        });
        commandLine
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

    /** The first argument that is not a root option (or the value of --url): the command's name. */
    private static String firstWord(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--url")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return args[i];
            }
        }
        return null;
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
