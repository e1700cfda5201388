package dev.miyabi.faults;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One server instance: the jar the reactor built, run as its own process the way an operator runs it
 * (a free port, its own {@code MIYABI_HOME}, the offline LLM, the sandbox gateway, a known admin, WARN
 * logs), on a database shared with the scenario's other instances. {@link #kill()} sends SIGKILL.
 */
final class ServerProcess implements AutoCloseable {

    static final String ADMIN_EMAIL = "admin@faults.local";
    static final String ADMIN_PASSWORD = "admin password of the fault suite";

    /** Instances share the signing key, so a session from one is valid on the other (docs: "Scale out"). */
    private static final String SIGNING_KEY = signingKey();

    private static final Path JAR =
            Path.of(System.getProperty("miyabi.server.jar", "../server/target/miyabi-server.jar"));

    final String name;
    final int port;
    private final Path home;
    private final Path log;
    private final Map<String, String> env = new LinkedHashMap<>();
    private Process process;

    /**
     * @param name the instance's name in logs and as its job lease owner ({@code MIYABI_JOBS_INSTANCE_ID})
     * @param databaseUrl where it finds PostgreSQL (directly, or through a proxy)
     * @param settings environment variables of the scenario (lease times and the like)
     */
    ServerProcess(String scenario, String name, String databaseUrl, String databaseUser, Map<String, String> settings) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("No server jar at " + JAR.toAbsolutePath()
                    + ": build it first (./mvnw -pl faults -am verify builds it).");
        }
        this.name = name;
        try {
            this.port = freePort();
            this.home = Files.createTempDirectory("miyabi-faults-" + name + "-");
            Files.createDirectories(Path.of("target", "faults"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.log = Path.of("target", "faults", scenario + "-" + name + ".log").toAbsolutePath();
        env.put("PORT", String.valueOf(port));
        env.put("MIYABI_HOME", home.toString());
        env.put("MIYABI_DATABASE_URL", databaseUrl);
        env.put("MIYABI_DATABASE_USER", databaseUser);
        env.put("MIYABI_JWT_PRIVATE_KEY", SIGNING_KEY);
        env.put("MIYABI_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("MIYABI_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("MIYABI_DEMO_ENABLED", "true");
        env.put("MIYABI_LLM_PROVIDER", "offline");
        env.put("MIYABI_LLM_FALLBACK", "offline");
        env.put("MIYABI_PAYMENTS_PROVIDER", "sandbox");
        // Every customer registers from 127.0.0.1.
        env.put("MIYABI_AUTH_REGISTRATIONS_PER_ADDRESS", "100000");
        env.put("MIYABI_LLM_BUDGET_MONTHLY_TOKENS_PER_USER", "0");
        // One lesson at a time: a course takes seconds, long enough to be killed mid-run.
        env.put("MIYABI_GENERATION_PARALLEL_STEPS", "1");
        // Embedding takes every core for seconds per course and is not what these scenarios test: the
        // indexing jobs stay queued.
        env.put("MIYABI_JOBS_CONCURRENCY_SEARCH_INDEXING", "0");
        env.put("MIYABI_JOBS_INSTANCE_ID", name);
        env.put("LOGGING_LEVEL_ROOT", "WARN");
        env.putAll(settings);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    /** Starts the process; {@link #awaitReady()} waits for its readiness. */
    ServerProcess start() {
        String java = System.getProperty(
                "miyabi.java",
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-Xmx384m",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-jar",
                        JAR.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment
                .keySet()
                .removeIf(key -> key.startsWith("MIYABI_")
                        || key.startsWith("SPRING_")
                        || key.contains("API_KEY")
                        || key.startsWith("STRIPE_"));
        environment.putAll(env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    ServerProcess awaitReady() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        await(name + " at " + url() + " to be ready (log: " + log + ")")
                .atMost(Duration.ofMinutes(6))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " stopped: see " + log);
                    }
                    return readiness(http) == 200;
                });
        return this;
    }

    /** The status of {@code /actuator/health/readiness}, or -1 when nothing answers within 3 s. */
    int readiness(HttpClient http) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                                    .timeout(Duration.ofSeconds(3))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * {@code kill -9}: {@link Process#destroyForcibly()} sends SIGKILL on Linux, which the exit status
     * (128 + 9) proves; the instance gets no chance to release leases, keys or connections.
     */
    int kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.exitValue();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        if (alive()) {
            process.destroy();
            try {
                if (!process.waitFor(40, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not remove " + home + ": " + e.getMessage());
        }
    }

    private static String signingKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
