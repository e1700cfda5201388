package dev.miyabi.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code miyabi} terminal client. It talks to a Miyabi server over HTTP only. */
@Command(
        name = "miyabi",
        mixinStandardHelpOptions = true,
        version = "miyabi 0.1.0",
        description = "Terminal client for the Miyabi Business Platform.",
        subcommands = {MiyabiCli.Health.class})
public final class MiyabiCli implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new MiyabiCli()).execute(args));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Options every command that talks to the server shares. */
    static class ServerOptions {
        @Option(
                names = {"--url"},
                defaultValue = "${MIYABI_URL:-http://localhost:8080}",
                description = "Server base URL (default: ${DEFAULT-VALUE}; env MIYABI_URL).")
        String url;
    }

    @Command(name = "health", description = "Show whether the server is up (exit code 0 when UP).")
    static final class Health implements Callable<Integer> {

        @CommandLine.Mixin
        ServerOptions server = new ServerOptions();

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.url + "/actuator/health"))
                    .timeout(Duration.ofSeconds(10))
                    .GET()
                    .build();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                JsonNode body = JsonMapper.builder().build().readTree(response.body());
                String status = body.path("status").asString("UNKNOWN");
                out.println(server.url + ": " + status);
                return "UP".equals(status) ? 0 : 1;
            } catch (java.io.IOException e) {
                spec.commandLine().getErr().println(server.url + ": unreachable (" + e.getMessage() + ")");
                return 2;
            }
        }
    }
}
