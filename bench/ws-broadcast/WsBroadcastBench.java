import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load check for /ws: N WebSocket clients on one server instance subscribe to "state"; a series of
 * state.updated events is appended to event_log (INSERT + pg_notify in one transaction, exactly as
 * ClientEvents.append does — i.e. as if another instance appended them) and the time from just
 * before the commit to each client's receipt is measured. Prints p50/p95/p99/max delivery latency
 * and the server's RSS and heap after a full GC (via jcmd) idle and with all clients connected.
 *
 * Run through bench/ws-broadcast/run.sh (starts a server on a fresh database). Not part of the build.
 */
public class WsBroadcastBench {

    private static final Pattern TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*(\\d+)");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String base = options.getOrDefault("base", "http://127.0.0.1:18080");
        int clients = Integer.parseInt(options.getOrDefault("clients", "1000"));
        int users = Integer.parseInt(options.getOrDefault("users", "50"));
        int events = Integer.parseInt(options.getOrDefault("events", "30"));
        long intervalMs = Long.parseLong(options.getOrDefault("interval-ms", "300"));
        String jdbc = options.get("jdbc");
        long serverPid = Long.parseLong(options.get("server-pid"));

        System.out.printf("ws-broadcast: %d clients (%d users), %d events every %d ms, server pid %d%n",
                clients, users, events, intervalMs, serverPid);
        System.out.println("server idle:      " + memory(serverPid));

        HttpClient http = HttpClient.newHttpClient();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String body = "{\"email\":\"bench-" + UUID.randomUUID() + "@example.test\",\"password\":\"bench password 1\",\"name\":\"Bench\"}";
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/auth/register"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher token = TOKEN.matcher(response.body());
            if (response.statusCode() != 201 || !token.find()) {
                throw new IllegalStateException("register failed: " + response.statusCode() + " " + response.body());
            }
            tokens.add(token.group(1));
        }

        // Latencies per event index and client; eventId -> index, filled before each commit.
        long[][] latency = new long[events][clients];
        for (long[] row : latency) {
            Arrays.fill(row, -1);
        }
        Map<Long, Integer> eventIndex = new ConcurrentHashMap<>();
        long[] sentAt = new long[events];
        CountDownLatch subscribed = new CountDownLatch(clients);
        AtomicInteger received = new AtomicInteger();
        AtomicInteger closedEarly = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();

        List<HttpClient> wsClients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            wsClients.add(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
        }
        List<WebSocket> sockets = new ArrayList<>();
        Semaphore connecting = new Semaphore(64);
        String wsBase = base.replaceFirst("^http", "ws") + "/ws?access_token=";
        long connectStart = System.nanoTime();
        List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            connecting.acquire();
            WebSocket.Listener listener = new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        String text = partial.toString();
                        partial.setLength(0);
                        long now = System.nanoTime();
                        if (text.contains("\"type\":\"auth_success\"")) {
                            socket.sendText("{\"type\":\"subscribe\",\"payload\":{\"topics\":[\"state\"]}}", true);
                        } else if (text.contains("\"type\":\"subscribed\"")) {
                            subscribed.countDown();
                        } else if (text.contains("\"type\":\"state.updated\"")) {
                            Matcher id = EVENT_ID.matcher(text);
                            if (id.find()) {
                                Integer index = eventIndex.get(Long.parseLong(id.group(1)));
                                if (index != null) {
                                    latency[index][client] = now - sentAt[index];
                                    received.incrementAndGet();
                                }
                            }
                        }
                    }
                    socket.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                    if (!finished.get()) {
                        closedEarly.incrementAndGet();
                        System.out.println("client " + client + " closed by the server: " + code + " " + reason);
                    }
                    return null;
                }
            };
            opening.add(wsClients.get(c % wsClients.size())
                    .newWebSocketBuilder()
                    .buildAsync(URI.create(wsBase + tokens.get(c % tokens.size())), listener)
                    .whenComplete((socket, error) -> connecting.release()));
        }
        for (CompletableFuture<WebSocket> future : opening) {
            sockets.add(future.get(60, TimeUnit.SECONDS));
        }
        if (!subscribed.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + (clients - subscribed.getCount()) + " clients subscribed");
        }
        System.out.printf("connected and subscribed %d clients in %d ms%n",
                clients, Duration.ofNanos(System.nanoTime() - connectStart).toMillis());
        System.out.println("server connected: " + memory(serverPid));

        String payload = statePayload();
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
            db.setAutoCommit(false);
            PreparedStatement insert = db.prepareStatement("""
                    WITH appended AS (
                        INSERT INTO event_log (event_type, resource_type, resource_id, payload,
                                               visible_to_users, visible_to_roles, created_at)
                        VALUES ('state.updated', 'state', 'composite', CAST(? AS jsonb), '{}', '{customer}', clock_timestamp())
                        RETURNING id)
                    SELECT id, pg_notify('miyabi_event_log', id::text) FROM appended
                    """);
            for (int e = 0; e < events; e++) {
                insert.setString(1, payload.replace("\"version\":0", "\"version\":" + e));
                sentAt[e] = System.nanoTime();
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    eventIndex.put(rs.getLong(1), e);
                }
                db.commit();
                Thread.sleep(intervalMs);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.get() < events * clients && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        long[] all = Arrays.stream(latency).flatMapToLong(Arrays::stream).filter(v -> v >= 0).sorted().toArray();
        int missing = events * clients - all.length;
        System.out.printf("deliveries: %d of %d (missing %d, clients closed early %d)%n",
                all.length, events * clients, missing, closedEarly.get());
        System.out.printf("delivery latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n",
                pct(all, 50), pct(all, 95), pct(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        double[] lastClient = new double[events];
        for (int e = 0; e < events; e++) {
            lastClient[e] = Arrays.stream(latency[e]).max().orElse(0) / 1e6;
        }
        Arrays.sort(lastClient);
        System.out.printf("time until the last of %d clients had an event, ms: median %.1f  max %.1f%n",
                clients, lastClient[events / 2], lastClient[events - 1]);
        System.out.println("server after run: " + memory(serverPid));

        finished.set(true);
        for (WebSocket socket : sockets) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        System.exit(missing == 0 ? 0 : 1);
    }

    private static double pct(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** RSS from /proc and the heap used after a full GC, via jcmd. */
    private static String memory(long pid) throws IOException, InterruptedException {
        run("jcmd", Long.toString(pid), "GC.run");
        String heap = run("jcmd", Long.toString(pid), "GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(heap);
        long usedKb = used.find() ? Long.parseLong(used.group(1)) : -1;
        String rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .findFirst()
                .orElse("VmRSS: ?")
                .replaceAll("\\s+", " ");
        return String.format("%s, heap used after full GC %d MiB", rss.trim(), usedKb / 1024);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(60, TimeUnit.SECONDS);
        return output;
    }

    /** A state.updated body of realistic size (~1.5 KB): five agents and business counts. */
    private static String statePayload() {
        StringBuilder agents = new StringBuilder();
        String[] names = {"course_generator", "document_generator", "content_search", "payment_processor", "approval_workflow"};
        for (int i = 0; i < names.length; i++) {
            agents.append(i == 0 ? "" : ",").append(String.format(
                    "{\"id\":%d,\"type\":\"%s\",\"status\":\"idle\",\"activeTasks\":0,\"completedTasks\":%d,\"failedTasks\":%d,\"avgDurationMs\":%d}",
                    201 + i, names[i], 100 + i, i, 1500 + i * 10));
        }
        return "{\"version\":0,\"lastUpdated\":\"2026-11-27T00:00:00Z\",\"agentState\":{\"agents\":[" + agents
                + "],\"queue\":[]},\"businessState\":{\"orders\":{\"pending\":3,\"awaiting_approval\":1,\"awaiting_payment\":2,"
                + "\"paid\":0,\"fulfilling\":4,\"completed\":120,\"failed\":2,\"cancelled\":5,\"rejected\":1},"
                + "\"aiJobs\":{\"queued\":2,\"running\":3,\"completed\":98,\"failed\":1,\"cancelled\":0},"
                + "\"payments\":{\"succeeded\":130,\"failed\":7,\"refunded\":3},\"approvals\":{\"pending\":1,\"approved\":20,\"rejected\":2}},"
                + "\"userState\":{\"activeUsers\":57,\"openSockets\":1000}}";
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
