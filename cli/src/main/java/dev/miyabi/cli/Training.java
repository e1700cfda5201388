package dev.miyabi.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.miyabi.cli.api.Session;
import dev.miyabi.cli.api.SessionStore;
import dev.miyabi.cli.output.Console;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the JVM AOT cache ({@code cli/pom.xml}, package phase): the commands people
 * run most, in this JVM, against a local stand-in for the server, so that their classes are
 * loaded, linked and profiled once at build time instead of at every start. Not a command.
 */
public final class Training {

    private static final String PRODUCT = """
            {"id":"dacfe0ed-30e5-4ced-b4ba-7826bb5fa50c","name":"AI Course: Enterprise Cloud Architecture",
             "description":"A course.","price":{"amount":"2500.00","currency":"USD"},"category":"ai_course_generation",
             "status":"active","version":0,"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"}""";
    private static final String ORDER = """
            {"id":"a4f8887a-9114-4e13-b140-77ed12bd6d99","userId":"ed10c951-1c8a-4b0d-8bc6-31fc1ba7caf4",
             "productName":"AI Course: Enterprise Cloud Architecture","category":"ai_course_generation","quantity":1,
             "unitPrice":{"amount":"2500.00","currency":"USD"},"total":{"amount":"2500.00","currency":"USD"},
             "status":"completed","approvalId":null,"paymentId":null,"aiJobId":null,"version":3,
             "createdAt":"2026-01-01T00:00:00Z","timeline":[{"status":"pending","at":"2026-01-01T00:00:00Z",
             "actor":{"type":"user","id":"ed10c951","name":"Cora"},"note":"Order placed"}]}""";
    private static final String JOB = """
            {"id":"05ef5388-eecc-4d31-a0c2-daf86a40ab07","type":"course_generation","status":"running",
             "input":{"topic":"Kubernetes in production"},"progress":{"step":"lesson-1-1","completedSteps":3,
             "totalSteps":18,"message":"Writing lesson 2 of 12"},"attempts":1,"maxAttempts":3,"createdAt":"2026-01-01T00:00:00Z"}""";

    private Training() {}

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Map<String, String> answers = Map.of(
                "/api/products", page(PRODUCT),
                "/api/products/dacfe0ed-30e5-4ced-b4ba-7826bb5fa50c", PRODUCT,
                "/api/orders", page(ORDER),
                "/api/ai/jobs", page(JOB),
                "/api/auth/me",
                        "{\"id\":\"ed10c951\",\"email\":\"cora@example.com\",\"name\":\"Cora\",\"roles\":[\"customer\"]}");
        server.createContext(
                "/",
                exchange ->
                        answer(exchange, answers.get(exchange.getRequestURI().getPath())));
        server.start();
        Path config = Files.createTempDirectory("miyabi-training");
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            new SessionStore(config.resolve("miyabi")).locked(store -> {
                store.put(
                        url,
                        new Session(
                                "cora@example.com", "training", Instant.now().plusSeconds(900), "training"));
                return null;
            });
            Map<String, String> env = Map.of("XDG_CONFIG_HOME", config.toString(), "MIYABI_URL", url);
            PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            Console console = new Console(nowhere, nowhere, true, true, 120);
            List<String[]> commands = List.of(
                    new String[] {"--version"},
                    new String[] {"--help"},
                    new String[] {"products", "list"},
                    new String[] {"products", "list", "--json"},
                    new String[] {"products", "show", "dacfe0ed"},
                    new String[] {"orders", "list"},
                    new String[] {"jobs", "list"},
                    new String[] {"whoami"},
                    new String[] {"orders", "show", "ffffffff"},
                    new String[] {"orders", "create", "--help"});
            for (int round = 0; round < 3; round++) {
                for (String[] command : commands) {
                    MiyabiCli.run(env, console, command);
                }
            }
        } finally {
            server.stop(0);
            try (Stream<Path> files = Files.walk(config)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    private static String page(String item) {
        return "{\"items\":[" + item + "],\"page\":0,\"size\":20,\"total\":1}";
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        int status = body == null ? 404 : 200;
        byte[] bytes = (body == null ? "{\"title\":\"Not Found\",\"status\":404,\"code\":\"not_found\"}" : body)
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
