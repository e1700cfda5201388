package dev.miyabi.platform.github;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.io.Closeable;
import java.io.IOException;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local GitHub for one repository that speaks the REST wire format the mirror uses: issues (create,
 * update, list with {@code since}, {@code sort}, {@code direction}, {@code per_page}/{@code page} and {@code
 * Link} headers, {@code ETag}/304), labels (422 {@code already_exists}), comments. Its state is what people
 * see on GitHub; tests act on it as people would ({@link #closeAsNotPlanned}, {@link #comment}) and script
 * failures ({@link #failNext}).
 */
final class FakeGitHub implements Closeable {

    static final String OWNER_REPO = "acme/board";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ISSUE = Pattern.compile("/repos/" + OWNER_REPO + "/issues/(\\d+)(/comments|/labels)?");

    /** A request as received, with the time it arrived. */
    record Received(Instant at, String method, String path, HttpUrl url, Headers headers, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private record Failure(String method, String pathPrefix, Function<RecordedRequest, MockResponse> response) {}

    private final MockWebServer server = new MockWebServer();
    private final Map<Integer, ObjectNode> issues = new TreeMap<>();
    private final Map<Integer, List<ObjectNode>> comments = new TreeMap<>();
    private final Map<String, String> labels = new TreeMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    private @Nullable RSAPublicKey appKey;
    private String appId = "";
    private final List<String> installationTokens = new CopyOnWriteArrayList<>();
    private int nextNumber = 1;
    private long nextCommentId = 1000;

    FakeGitHub() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                HttpUrl url = request.getUrl();
                received.add(new Received(
                        Instant.now(),
                        request.getMethod(),
                        url.encodedPath(),
                        url,
                        request.getHeaders(),
                        request.getBody() == null ? "" : request.getBody().utf8()));
                for (Failure failure : failures) {
                    if (failure.method().equals(request.getMethod())
                            && url.encodedPath().equals(failure.pathPrefix())
                            && failures.remove(failure)) {
                        return failure.response().apply(request);
                    }
                }
                synchronized (FakeGitHub.this) {
                    return handle(request);
                }
            }
        });
        server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** Accepts a GitHub App: its JWTs (RS256, {@code iss} = the App id) buy installation tokens. */
    void installApp(String id, RSAPublicKey publicKey) {
        this.appId = id;
        this.appKey = publicKey;
    }

    /** The installation tokens handed out so far. */
    List<String> installationTokens() {
        return List.copyOf(installationTokens);
    }

    // --- what tests script and read ---------------------------------------------------------------

    /** The next {@code method} request to exactly {@code path} gets {@code response} instead. */
    void failNext(String method, String path, MockResponse response) {
        failures.add(new Failure(method, path, request -> response));
    }

    /** The next {@code method} request to {@code path} is carried out, but the connection drops before the answer. */
    void dropAnswerOfNext(String method, String path) {
        failures.add(new Failure(method, path, request -> {
            synchronized (this) {
                handle(request);
            }
            return new MockResponse.Builder()
                    .code(201)
                    .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
                    .build();
        }));
    }

    static MockResponse response(int code, String body, String... headers) {
        Headers.Builder all = new Headers.Builder().add("Content-Type", "application/json; charset=utf-8");
        for (int i = 0; i < headers.length; i += 2) {
            all.add(headers[i], headers[i + 1]);
        }
        return new MockResponse(code, all.build(), body);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    synchronized List<ObjectNode> issues() {
        return issues.values().stream().map(ObjectNode::deepCopy).toList();
    }

    synchronized Optional<ObjectNode> issueOf(String taskId) {
        return issues.values().stream()
                .filter(i -> i.path("body").asString("").contains("<!-- miyabi-task:" + taskId + " -->"))
                .map(ObjectNode::deepCopy)
                .findFirst();
    }

    synchronized long issuesOf(String taskId) {
        return issues.values().stream()
                .filter(i -> i.path("body").asString("").contains("<!-- miyabi-task:" + taskId + " -->"))
                .count();
    }

    synchronized List<String> commentsOn(int number) {
        return comments.getOrDefault(number, List.of()).stream()
                .map(c -> c.path("body").asString())
                .toList();
    }

    static List<String> labelNames(JsonNode issue) {
        List<String> names = new ArrayList<>();
        issue.path("labels").forEach(l -> names.add(l.path("name").asString()));
        return names;
    }

    synchronized void seedLabel(String name) {
        labels.put(name, "ededed");
    }

    synchronized Map<String, String> labels() {
        return Map.copyOf(labels);
    }

    /** A person closes the issue as not planned (no webhook: the reconciliation must find it). */
    synchronized ObjectNode closeAsNotPlanned(int number) {
        ObjectNode issue = issues.get(number);
        issue.put("state", "closed").put("state_reason", "not_planned").put("closed_at", now());
        touch(issue);
        return issue.deepCopy();
    }

    /**
     * The issue as a close-as-not-planned webhook carries it, before this GitHub's listing shows the close: the
     * webhook arrives first, so a poll cannot apply the close ahead of it.
     */
    synchronized ObjectNode closedAsNotPlannedPayload(int number) {
        ObjectNode issue = issues.get(number).deepCopy();
        issue.put("state", "closed").put("state_reason", "not_planned").put("closed_at", now());
        touch(issue);
        return issue;
    }

    /** A person comments (no webhook). */
    synchronized ObjectNode comment(int number, String body, String association) {
        ObjectNode issue = issues.get(number);
        ObjectNode comment = JSON.createObjectNode()
                .put("id", nextCommentId++)
                .put("body", body)
                .put("author_association", association)
                .put("created_at", now())
                .put("updated_at", now());
        comment.putObject("user").put("login", "someone");
        comments.computeIfAbsent(number, n -> new ArrayList<>()).add(comment);
        issue.put("comments", comments.get(number).size());
        touch(issue);
        return comment.deepCopy();
    }

    // --- the REST API -------------------------------------------------------------------------------

    private MockResponse handle(RecordedRequest request) {
        String method = request.getMethod();
        HttpUrl url = request.getUrl();
        String path = url.encodedPath();
        String repo = "/repos/" + OWNER_REPO;
        if (!request.getHeaders().get("Accept").equals("application/vnd.github+json")
                || !"2022-11-28".equals(request.getHeaders().get("X-GitHub-Api-Version"))
                || request.getHeaders().get("Authorization") == null) {
            return response(400, "{\"message\":\"missing GitHub headers\"}");
        }
        if (path.equals(repo + "/installation") || path.startsWith("/app/installations/")) {
            return app(request, method, path);
        }
        String authorization = request.getHeaders().get("Authorization");
        if (!authorization.startsWith("Bearer ghp_") && !installationTokens.contains(authorization.substring(7))) {
            return response(401, "{\"message\":\"Bad credentials\"}");
        }
        JsonNode body = request.getBody() == null || request.getBody().size() == 0
                ? JSON.createObjectNode()
                : JSON.readTree(request.getBody().utf8());
        if (method.equals("POST") && path.equals(repo + "/labels")) {
            String name = body.path("name").asString();
            if (labels.containsKey(name)) {
                return response(
                        422,
                        "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Label\",\"code\":\"already_exists\","
                                + "\"field\":\"name\"}],\"documentation_url\":\"https://docs.github.com/rest\"}");
            }
            labels.put(name, body.path("color").asString());
            return response(201, JSON.createObjectNode().put("name", name).toString());
        }
        if (method.equals("POST") && path.equals(repo + "/issues")) {
            int number = nextNumber++;
            ObjectNode issue = JSON.createObjectNode()
                    .put("id", 10_000 + number)
                    .put("number", number)
                    .put("title", body.path("title").asString())
                    .put("body", body.path("body").asString())
                    .put("state", "open")
                    .putNull("state_reason")
                    .put("comments", 0)
                    .put("html_url", "https://github.example/" + OWNER_REPO + "/issues/" + number)
                    .put("created_at", now())
                    .putNull("closed_at");
            setLabels(issue, body.path("labels"));
            touch(issue);
            issues.put(number, issue);
            return response(201, issue.toString());
        }
        if (method.equals("GET") && path.equals(repo + "/issues")) {
            return list(request, url);
        }
        Matcher m = ISSUE.matcher(path);
        if (m.matches()) {
            int number = Integer.parseInt(m.group(1));
            ObjectNode issue = issues.get(number);
            if (issue == null) {
                return response(404, "{\"message\":\"Not Found\"}");
            }
            String sub = m.group(2);
            if (sub == null && method.equals("PATCH")) {
                if (body.has("labels")) {
                    setLabels(issue, body.path("labels"));
                }
                if (body.has("body")) {
                    issue.put("body", body.path("body").asString());
                }
                if (body.has("state")) {
                    String state = body.path("state").asString();
                    if (state.equals("closed")
                            && !issue.path("state").asString().equals("closed")) {
                        issue.put("closed_at", now());
                    }
                    if (state.equals("open")) {
                        issue.putNull("closed_at");
                        issue.put("state_reason", "reopened");
                    }
                    issue.put("state", state);
                    if (body.has("state_reason")) {
                        issue.put("state_reason", body.path("state_reason").asString());
                    }
                }
                touch(issue);
                return response(200, issue.toString());
            }
            if ("/labels".equals(sub) && method.equals("PUT")) {
                setLabels(issue, body.path("labels"));
                touch(issue);
                return response(200, issue.path("labels").toString());
            }
            if ("/comments".equals(sub) && method.equals("POST")) {
                ObjectNode comment = JSON.createObjectNode()
                        .put("id", nextCommentId++)
                        .put("body", body.path("body").asString())
                        .put("author_association", "NONE")
                        .put("created_at", now());
                comment.putObject("user").put("login", "miyabi-bot");
                comments.computeIfAbsent(number, n -> new ArrayList<>()).add(comment);
                issue.put("comments", comments.get(number).size());
                touch(issue);
                return response(201, comment.toString());
            }
            if ("/comments".equals(sub) && method.equals("GET")) {
                String since = url.queryParameter("since");
                ArrayNode list = JSON.createArrayNode();
                comments.getOrDefault(number, List.of()).stream()
                        .filter(c -> since == null
                                || !Instant.parse(c.path("updated_at")
                                                .asString(c.path("created_at").asString()))
                                        .isBefore(Instant.parse(since)))
                        .forEach(list::add);
                return response(200, list.toString());
            }
        }
        return response(404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\"}");
    }

    private MockResponse app(RecordedRequest request, String method, String path) {
        if (appKey == null) {
            return response(404, "{\"message\":\"Not Found\"}");
        }
        try {
            SignedJWT jwt =
                    SignedJWT.parse(request.getHeaders().get("Authorization").substring(7));
            Instant expires = jwt.getJWTClaimsSet().getExpirationTime().toInstant();
            if (!jwt.verify(new RSASSAVerifier(appKey))
                    || !appId.equals(jwt.getJWTClaimsSet().getIssuer())
                    || expires.isBefore(Instant.now())
                    || expires.isAfter(Instant.now().plusSeconds(600))) {
                return response(401, "{\"message\":\"A JSON web token could not be decoded\"}");
            }
        } catch (ParseException | JOSEException | RuntimeException e) {
            return response(401, "{\"message\":\"A JSON web token could not be decoded\"}");
        }
        if (method.equals("GET") && path.equals("/repos/" + OWNER_REPO + "/installation")) {
            return response(200, "{\"id\":4242,\"app_id\":" + appId + "}");
        }
        if (method.equals("POST") && path.equals("/app/installations/4242/access_tokens")) {
            String token = "ghs_" + java.util.UUID.randomUUID().toString().replace("-", "");
            installationTokens.add(token);
            return response(
                    201,
                    JSON.createObjectNode()
                            .put("token", token)
                            .put(
                                    "expires_at",
                                    Instant.now()
                                            .plusSeconds(3600)
                                            .truncatedTo(ChronoUnit.SECONDS)
                                            .toString())
                            .toString());
        }
        return response(404, "{\"message\":\"Not Found\"}");
    }

    private MockResponse list(RecordedRequest request, HttpUrl url) {
        String since = url.queryParameter("since");
        String state = Optional.ofNullable(url.queryParameter("state")).orElse("open");
        String sort = Optional.ofNullable(url.queryParameter("sort")).orElse("created");
        boolean ascending = "asc".equals(url.queryParameter("direction"));
        int perPage = Integer.parseInt(
                Optional.ofNullable(url.queryParameter("per_page")).orElse("30"));
        int page =
                Integer.parseInt(Optional.ofNullable(url.queryParameter("page")).orElse("1"));
        Comparator<ObjectNode> order = Comparator.comparing(
                        (ObjectNode i) -> i.path(sort.equals("updated") ? "updated_at" : "created_at")
                                .asString())
                .thenComparing(i -> i.path("number").asInt());
        List<ObjectNode> matching = issues.values().stream()
                .filter(i -> state.equals("all") || i.path("state").asString().equals(state))
                .filter(i -> since == null
                        || !Instant.parse(i.path("updated_at").asString()).isBefore(Instant.parse(since)))
                .sorted(ascending ? order : order.reversed())
                .toList();
        int from = Math.min(matching.size(), (page - 1) * perPage);
        int to = Math.min(matching.size(), from + perPage);
        ArrayNode items = JSON.createArrayNode();
        matching.subList(from, to).forEach(items::add);
        String text = items.toString();
        String etag = "W/\"" + Integer.toHexString(text.hashCode()) + "\"";
        Headers.Builder headers = new Headers.Builder()
                .add("Content-Type", "application/json; charset=utf-8")
                .add("ETag", etag);
        if (to < matching.size()) {
            HttpUrl next = url.newBuilder()
                    .setQueryParameter("page", String.valueOf(page + 1))
                    .build();
            int lastPage = (matching.size() + perPage - 1) / perPage;
            HttpUrl last = url.newBuilder()
                    .setQueryParameter("page", String.valueOf(lastPage))
                    .build();
            headers.add("Link", "<" + next + ">; rel=\"next\", <" + last + ">; rel=\"last\"");
        }
        if (etag.equals(request.getHeaders().get("If-None-Match"))) {
            return new MockResponse(304, headers.build(), "");
        }
        return new MockResponse(200, headers.build(), text);
    }

    private void setLabels(ObjectNode issue, JsonNode names) {
        ArrayNode list = issue.putArray("labels");
        for (JsonNode name : names) {
            String label = name.isString() ? name.asString() : name.path("name").asString();
            labels.putIfAbsent(label, "ededed");
            list.addObject().put("name", label).put("color", labels.get(label));
        }
    }

    private static void touch(ObjectNode issue) {
        issue.put("updated_at", now());
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
