package dev.miyabi.cli.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The server jar the reactor just built, started once for the whole suite the way an operator
 * runs it: a free port, a temporary {@code MIYABI_HOME}, the demo catalog, a known admin, the
 * offline LLM and the sandbox gateway. Its database is a throwaway one on the machine's
 * PostgreSQL (127.0.0.1:5432) when there is one, else the embedded PostgreSQL in its home. It can
 * be restarted on the same port and data; it is stopped (and its database dropped) at JVM exit.
 */
final class TestServer {

    static final String ADMIN_EMAIL = "admin@cli-tests.local";
    static final String ADMIN_PASSWORD = "admin password for the CLI tests";
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

    private static TestServer instance;

    private final Path jar = Path.of(System.getProperty("miyabi.server.jar", "../server/target/miyabi-server.jar"));
    private final Path home;
    private final Path log;
    private final int port;
    private final String database;
    private Process process;

    private TestServer() throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No server jar at " + jar.toAbsolutePath()
                    + ": build it first (./mvnw -DskipTests package), or run ./mvnw verify.");
        }
        home = Files.createTempDirectory("miyabi-cli-it-");
        log = Path.of("target", "cli-it-server.log");
        Files.deleteIfExists(log);
        port = freePort();
        database = createDatabase();
    }

    static synchronized TestServer get() {
        if (instance == null) {
            try {
                instance = new TestServer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            instance.start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::shutdown));
        }
        return instance;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops the server (SIGTERM, as a deployment would) and starts it again on the same data. */
    synchronized void restart() {
        stop();
        start();
    }

    synchronized void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized void start() {
        String java = System.getProperty(
                "miyabi.java",
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet()
                .removeIf(name -> name.startsWith("MIYABI_")
                        || name.startsWith("SPRING_")
                        || name.contains("API_KEY")
                        || name.startsWith("STRIPE_"));
        env.put("PORT", String.valueOf(port));
        env.put("MIYABI_HOME", home.toString());
        env.put("MIYABI_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("MIYABI_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("MIYABI_DEMO_ENABLED", "true");
        env.put("MIYABI_LLM_PROVIDER", "offline");
        env.put("MIYABI_LLM_FALLBACK", "offline");
        env.put("MIYABI_PAYMENTS_PROVIDER", "sandbox");
        // Every test registers from 127.0.0.1.
        env.put("MIYABI_AUTH_REGISTRATIONS_PER_ADDRESS", "100000");
        // The studio's monthly trial allowance (100 000 tokens) is the server's to test; these tests
        // generate long courses to watch their progress.
        env.put("MIYABI_LLM_BUDGET_MONTHLY_TOKENS_PER_USER", "0");
        // One lesson at a time, so a course takes long enough for its progress to be watched.
        env.put("MIYABI_GENERATION_PARALLEL_STEPS", "1");
        env.put("LOGGING_LEVEL_ROOT", "WARN");
        if (database != null) {
            env.put("MIYABI_DATABASE_URL", POSTGRES + database);
            env.put("MIYABI_DATABASE_USER", "postgres");
        }
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpClient http = HttpClient.newHttpClient();
        await("the server at " + url() + " to be ready (log: " + log.toAbsolutePath() + ")")
                .atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("The server stopped: see " + log.toAbsolutePath());
                    }
                    try {
                        return http.send(
                                                HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }

    private void shutdown() {
        if (process != null && process.isAlive()) {
            stop();
        }
        if (database != null) {
            try (Connection connection = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("Could not drop the test database " + database + ": " + e.getMessage());
            }
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not remove " + home + ": " + e.getMessage());
        }
    }

    /** A throwaway database on the machine's PostgreSQL, or null to use the embedded one. */
    private static String createDatabase() {
        DriverManager.setLoginTimeout(3);
        String name =
                "miyabi_cli_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
            return name;
        } catch (SQLException noPostgres) {
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
