package dev.miyabi.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server jar started the way the container starts it, since no Docker engine runs here: the
 * Dockerfile's own layer extraction, its runtime stage's COPY layout, its ENV, USER and ENTRYPOINT (run
 * as that numeric user through {@code setpriv} when the test runs as root), with the environment the
 * production Kustomize overlay gives the pod, against an external PostgreSQL (a throwaway database).
 *
 * <p>It must be healthy on every probe path and the HEALTHCHECK; expose every metric the dashboard and
 * the alerts read; accept the UI's separate origin; and on SIGTERM let an in-flight request finish, hand
 * a running AI job back to the queue and exit within the pod's termination budget.
 */
class ContainerStartIntegrationTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEPLOYMENT = "deploy/kubernetes/base/deployment.yaml";
    private static final String METRICS_TOKEN = "metrics-token-of-the-container-test";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Runnable> cleanup = new ArrayList<>();
    private Process server;

    @AfterEach
    void tearDown() {
        if (server != null && server.isAlive()) {
            server.destroyForcibly();
        }
        cleanup.reversed().forEach(Runnable::run);
    }

    @Test
    void shouldServeLikeTheContainerAndDrainOnSigterm(@TempDir Path work) throws Exception {
        Dockerfile dockerfile = Dockerfile.read();
        Deployment deployment = KubernetesManifestTests.base().deployment();
        Container container = KubernetesManifestTests.container(deployment);

        Path app = imageFromDockerfile(dockerfile, work);
        Database database = Database.create();
        cleanup.add(database::drop);
        LlmStub llm = LlmStub.start();
        cleanup.add(llm::stop);

        // The pod's environment: the image's ENV, then the ConfigMap and the Secret the production
        // overlay generates. The test changes only what must point at this machine.
        int port = freePort();
        Path home = work.resolve("image/var/lib/miyabi");
        Map<String, String> env = new LinkedHashMap<>(dockerfile.runtime().env());
        env.putAll(EnvFile.read("deploy/kubernetes/base/config.env").values());
        env.putAll(
                EnvFile.read("deploy/kubernetes/overlays/production/config.env").values());
        env.putAll(EnvFile.read("deploy/kubernetes/overlays/production/secrets.env.example")
                .values());
        env.put("MIYABI_JWT_PRIVATE_KEY", Manifests.newPrivateKeyPem());
        env.put("MIYABI_JWT_PREVIOUS_PUBLIC_KEYS", "");
        env.put("PORT", Integer.toString(port));
        env.put("MIYABI_HOME", home.toString());
        env.put("MIYABI_DATABASE_URL", database.url());
        env.put("MIYABI_DATABASE_USER", database.user());
        env.put("MIYABI_DATABASE_PASSWORD", database.password());
        // No Stripe here: the sandbox, slowed so a payment is still in flight at SIGTERM.
        env.put("MIYABI_PAYMENTS_PROVIDER", "sandbox");
        env.put("MIYABI_PAYMENTS_SANDBOX_LATENCY", "2s");
        env.put("STRIPE_SECRET_KEY", "");
        // Prometheus's token (a secret in the cluster, deploy/observability/prometheus.yml).
        env.put("MIYABI_METRICS_TOKEN", METRICS_TOKEN);
        // A language model that never answers: the course job is still running at SIGTERM.
        env.put("MIYABI_LLM_PROVIDER", "openai");
        env.put("MIYABI_LLM_OPENAI_BASE_URL", llm.baseUrl());
        assertThat(env.keySet())
                .allSatisfy(
                        name -> assertThat(ServerSettings.reads(name)).as(name).isTrue());

        String user = dockerfile.runtime().last("USER").orElseThrow().arguments();
        Files.createDirectories(home);
        long started = System.nanoTime();
        server = start(dockerfile, app, env, user, home, work.resolve("server.log"));
        String base = "http://127.0.0.1:" + port;

        // Healthy: every probe of the Deployment and the image's HEALTHCHECK.
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .failFast("the server exited; see " + work.resolve("server.log"), () -> !server.isAlive())
                .until(() ->
                        status(base + container.getReadinessProbe().getHttpGet().getPath()) == 200);
        long ready = System.nanoTime();
        for (String path : List.of(
                container.getStartupProbe().getHttpGet().getPath(),
                container.getLivenessProbe().getHttpGet().getPath(),
                container.getReadinessProbe().getHttpGet().getPath())) {
            assertThat(status(base + path)).as(path).isEqualTo(200);
        }
        assertThat(runHealthcheck(dockerfile, port))
                .as("the HEALTHCHECK command")
                .isZero();
        assertThat(uidOf(server.pid()))
                .as("the JVM runs as the image's user, not root")
                .isEqualTo(
                        isRoot()
                                ? user.split(":")[0]
                                : uidOf(ProcessHandle.current().pid()))
                .isNotEqualTo("0");

        // The admin from the Secret creates a course product (production has no demo catalog).
        String admin = login(base, env.get("MIYABI_ADMIN_EMAIL"), env.get("MIYABI_ADMIN_PASSWORD"));
        String productId = post(
                        base + "/api/products",
                        admin,
                        null,
                        Map.of(
                                "name", "Deployment course",
                                "description", "A course ordered by the deployment test",
                                "price", Map.of("amount", "500.00", "currency", "USD"),
                                "category", "ai_course_generation",
                                "status", "active"))
                .path("id")
                .asText();
        String customer = register(base);

        // A paid course order starts a job, which waits on the language model.
        String running = placeOrder(base, customer, productId);
        assertThat(pay(base, customer, running).statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> llm.requests() > 0);
        UUID job = database.query(
                "SELECT id FROM ai_jobs WHERE order_id = CAST(? AS uuid) AND status = 'running'",
                running,
                rs -> rs.getObject(1, UUID.class));
        assertThat(job).isNotNull();

        // Every metric the dashboard and the alerts read is exported, the new ones with values.
        assertThat(status(base + "/actuator/prometheus")).isEqualTo(401);
        String metrics = get(base + "/actuator/prometheus", METRICS_TOKEN);
        Set<String> exported = sampleNames(metrics);
        assertThat(PromQl.referencedMetricNames())
                .isNotEmpty()
                .allSatisfy(name -> assertThat(exported)
                        .as("metric %s of deploy/observability", name)
                        .contains(name));
        assertThat(sample(metrics, "miyabi_payments_settled_total", "outcome=\"succeeded\""))
                .isEqualTo(1);
        assertThat(sample(metrics, "miyabi_orders_placed_total", "")).isEqualTo(1);
        assertThat(sample(metrics, "miyabi_jobs_running", "")).isEqualTo(1);

        // The UI on its own origin (Vercel) may call the API and open /ws; another origin may not.
        String uiOrigin = env.get("MIYABI_CORS_ALLOWED_ORIGINS");
        HttpResponse<Void> preflight = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/auth/me"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", uiOrigin)
                        .header("Access-Control-Request-Method", "GET")
                        .header("Access-Control-Request-Headers", "authorization")
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue(uiOrigin);
        assertThat(openWebSocket(port, uiOrigin)).isTrue();
        assertThat(openWebSocket(port, "https://elsewhere.example.org")).isFalse();

        // A second payment is in flight when SIGTERM arrives.
        String inFlight = placeOrder(base, customer, productId);
        CompletableFuture<HttpResponse<String>> payment = payAsync(base, customer, inFlight);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "processing"
                        .equals(database.query(
                                "SELECT status FROM payments WHERE order_id = CAST(? AS uuid)",
                                inFlight,
                                rs -> rs.getString(1))));
        long signalled = System.nanoTime();
        server.destroy(); // SIGTERM, as the kubelet sends it after preStop

        // The in-flight request finishes; the process exits within what the pod grants after preStop.
        assertThat(payment.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        long budget = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()
                - container.getLifecycle().getPreStop().getSleep().getSeconds();
        assertThat(server.waitFor(budget, TimeUnit.SECONDS))
                .as("exited within %d s of SIGTERM", budget)
                .isTrue();
        Duration shutdown = Duration.ofNanos(System.nanoTime() - signalled);
        assertThat(server.exitValue()).as("exit status after SIGTERM").isIn(0, 143);
        assertThat(shutdown)
                .as("the running job was given MIYABI_JOBS_SHUTDOWN_TIMEOUT first")
                .isGreaterThanOrEqualTo(ServerSettings.duration(env.get("MIYABI_JOBS_SHUTDOWN_TIMEOUT")));

        // The running job was handed back to the queue (not lost, its attempt not counted).
        Map<String, Object> row = database.query(
                "SELECT status, attempts, lease_owner, last_error FROM ai_jobs WHERE id = ?",
                job,
                rs -> Map.of(
                        "status",
                        rs.getString(1),
                        "attempts",
                        rs.getInt(2),
                        "leased",
                        rs.getString(3) != null,
                        "failed",
                        rs.getString(4) != null));
        assertThat(row)
                .containsEntry("status", "queued")
                .containsEntry("attempts", 0)
                .containsEntry("leased", false)
                .containsEntry("failed", false);
        String orderStatus =
                database.query("SELECT status FROM orders WHERE id = CAST(? AS uuid)", running, rs -> rs.getString(1));
        assertThat(orderStatus).isEqualTo("fulfilling");
        String paymentStatus = database.query(
                "SELECT status FROM payments WHERE order_id = CAST(? AS uuid)", inFlight, rs -> rs.getString(1));
        assertThat(paymentStatus).as("the payment in flight at SIGTERM").isEqualTo("succeeded");
        System.err.printf(
                "ContainerStartIntegrationTests: ready %d ms after start, traffic %d ms, shut down %d ms after SIGTERM%n",
                Duration.ofNanos(ready - started).toMillis(),
                Duration.ofNanos(signalled - ready).toMillis(),
                shutdown.toMillis());
    }

    /** The Dockerfile's build-stage extraction on the reactor's jar, laid out as its runtime stage copies it. */
    private static Path imageFromDockerfile(Dockerfile dockerfile, Path work) throws Exception {
        Path jar = Path.of(System.getProperty("miyabi.server.jar", "../server/target/miyabi-server.jar"));
        assertThat(jar)
                .as("the server jar (run `./mvnw verify`, or package the server module)")
                .isRegularFile();
        Dockerfile.Stage build = dockerfile.stage("build");
        String extract = build.all("RUN").stream()
                .map(Dockerfile.Instruction::arguments)
                .filter(run -> run.contains("-Djarmode=tools"))
                .findFirst()
                .orElseThrow();
        String buildDirectory = build.last("WORKDIR").orElseThrow().arguments();
        Path src = work.resolve(buildDirectory.substring(1));
        Files.createDirectories(src.resolve("server/target"));
        Files.createSymbolicLink(src.resolve("server/target/miyabi-server.jar"), jar.toAbsolutePath());
        ProcessBuilder extraction = new ProcessBuilder("bash", "-c", extract)
                .directory(src.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("extract.log").toFile());
        extraction.environment().put("PATH", javaHome() + "/bin:" + System.getenv("PATH"));
        assertThat(extraction.start().waitFor())
                .as("the Dockerfile's extraction")
                .isZero();

        Dockerfile.Stage runtime = dockerfile.runtime();
        Path app = work.resolve("image")
                .resolve(runtime.last("WORKDIR").orElseThrow().arguments().substring(1));
        Files.createDirectories(app);
        for (Dockerfile.Instruction copy : runtime.all("COPY")) {
            String[] parts = copy.arguments().split("\\s+");
            if (!parts[0].equals("--from=build")) {
                continue;
            }
            Path from = work.resolve(parts[1].substring(1));
            Path to = app.resolve(parts[2]).normalize();
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.toList()) {
                    Path target = to.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.createLink(target, file);
                    }
                }
            }
        }
        // The image's files are readable by its user; only the test's temporary directory is not.
        for (Path directory = app; directory.startsWith(work); directory = directory.getParent()) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return app;
    }

    /** ENTRYPOINT in WORKDIR with exactly {@code env}, as the image's USER when the test runs as root. */
    private static Process start(
            Dockerfile dockerfile, Path app, Map<String, String> env, String user, Path home, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            String[] ids = user.split(":");
            new ProcessBuilder("chown", "-R", user, home.getParent().toString())
                    .inheritIO()
                    .start()
                    .waitFor();
            command.addAll(List.of("setpriv", "--reuid=" + ids[0], "--regid=" + ids[1], "--clear-groups", "--"));
        }
        command.addAll(dockerfile.runtime().last("ENTRYPOINT").orElseThrow().execForm());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(app.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", javaHome() + "/bin:/usr/bin:/bin");
        builder.environment().putAll(env);
        return builder.start();
    }

    private static int runHealthcheck(Dockerfile dockerfile, int port) throws Exception {
        String healthcheck =
                dockerfile.runtime().last("HEALTHCHECK").orElseThrow().arguments();
        List<String> command =
                new Dockerfile.Instruction("CMD", healthcheck.substring(healthcheck.indexOf("CMD"))).execForm();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PORT", Integer.toString(port));
        Process check = builder.start();
        check.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(check.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return check.exitValue();
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        id.waitFor();
        return uid.equals("0");
    }

    /** The real user id of a process (Linux). */
    private static String uidOf(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith("Uid:"))
                .map(line -> line.split("\\s+")[1])
                .findFirst()
                .orElseThrow();
    }

    private static String javaHome() {
        return System.getProperty("java.home");
    }

    private String login(String base, String email, String password) throws Exception {
        return post(base + "/api/auth/login", null, null, Map.of("email", email, "password", password))
                .path("accessToken")
                .asText();
    }

    private String register(String base) throws Exception {
        return post(
                        base + "/api/auth/register",
                        null,
                        null,
                        Map.of(
                                "email", "deploy-" + UUID.randomUUID() + "@example.com",
                                "password", "a long enough password",
                                "name", "Deployment test"))
                .path("accessToken")
                .asText();
    }

    private String placeOrder(String base, String token, String productId) throws Exception {
        JsonNode order = post(
                base + "/api/orders",
                token,
                null,
                Map.of(
                        "productId",
                        productId,
                        "quantity",
                        1,
                        "input",
                        Map.of(
                                "topic", "Running Spring services on Kubernetes",
                                "targetAudience", "Platform engineers",
                                "difficulty", "intermediate",
                                "estimatedHours", 2,
                                "learningObjectives", List.of("Probes", "Graceful shutdown", "Scaling out"))));
        assertThat(order.path("status").asText()).isEqualTo("awaiting_payment");
        return order.path("id").asText();
    }

    private HttpResponse<String> pay(String base, String token, String orderId) throws Exception {
        return payAsync(base, token, orderId).join();
    }

    private CompletableFuture<HttpResponse<String>> payAsync(String base, String token, String orderId)
            throws Exception {
        return http.sendAsync(
                json(base + "/api/orders/" + orderId + "/payments", token, Map.of("paymentMethod", "pm_card_visa"))
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode post(String url, String token, String idempotencyKey, Object body) throws Exception {
        HttpRequest.Builder request = json(url, token, body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("POST %s: %s", url, response.body())
                .isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    private static HttpRequest.Builder json(String url, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private String get(String url, String bearerToken) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + bearerToken)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private int status(String url) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(url))
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

    /** Whether /ws accepts the handshake from a browser of that origin. */
    private boolean openWebSocket(int port, String origin) {
        try {
            WebSocket socket = http.newWebSocketBuilder()
                    .header("Origin", origin)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() {})
                    .join();
            socket.abort();
            return true;
        } catch (CompletionException refused) {
            return false;
        }
    }

    /** The sample names of a Prometheus text exposition. */
    private static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition
                .lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }

    /** The value of the first sample of that name whose labels contain {@code label}. */
    private static double sample(String exposition, String name, String label) {
        return exposition
                .lines()
                .filter(line -> line.split("[{ ]", 2)[0].equals(name) && line.contains(label))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + " " + label));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A throwaway database on the machine's PostgreSQL (the external database of the pod). */
    record Database(String server, String name) {

        interface Reader<T> {
            T read(ResultSet rs) throws SQLException;
        }

        static Database create() throws SQLException {
            String server = System.getenv().getOrDefault("MIYABI_TEST_POSTGRES_SERVER", "127.0.0.1:5432");
            String name = "miyabi_deploy_" + Long.toHexString(System.nanoTime());
            try (Connection c =
                    DriverManager.getConnection("jdbc:postgresql://" + server + "/postgres", "postgres", "")) {
                c.createStatement().execute("CREATE DATABASE " + name);
            }
            return new Database(server, name);
        }

        String url() {
            return "jdbc:postgresql://" + server + "/" + name;
        }

        String user() {
            return "postgres";
        }

        String password() {
            return "";
        }

        <T> T query(String sql, Object parameter, Reader<T> reader) throws SQLException {
            try (Connection c = DriverManager.getConnection(url(), user(), password());
                    var statement = c.prepareStatement(sql)) {
                statement.setObject(1, parameter);
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() ? reader.read(rs) : null;
                }
            }
        }

        void drop() {
            try (Connection c =
                    DriverManager.getConnection("jdbc:postgresql://" + server + "/postgres", "postgres", "")) {
                c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop " + name, e);
            }
        }
    }

    /** An OpenAI-compatible server that takes every request and never answers it. */
    record LlmStub(HttpServer server, AtomicInteger received, CountDownLatch release) {

        static LlmStub start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            AtomicInteger received = new AtomicInteger();
            CountDownLatch release = new CountDownLatch(1);
            server.createContext("/", exchange -> {
                received.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return new LlmStub(server, received, release);
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        }

        int requests() {
            return received.get();
        }

        void stop() {
            release.countDown();
            server.stop(0);
        }
    }
}
