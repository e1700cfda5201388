package dev.miyabi.platform.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.support.IntegrationTest;
import dev.miyabi.platform.support.SecondInstance;
import dev.miyabi.platform.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every operation of the server's own {@code /v3/api-docs} gets a table of bad requests: wrong JSON types,
 * missing fields, nulls, empty, blank, 10 000-character, non-BMP, combining and NUL-carrying strings, negative,
 * huge and fractional numbers, unknown enum values, malformed, oversized and non-UTF-8 bodies, malformed ids in
 * the path, bad and duplicate query parameters, wrong {@code Content-Type} and {@code Accept}, bad headers, no
 * token, a malformed one, a customer calling what the admin does, another customer's token. Every answer must be
 * a 4xx problem whose {@code status} matches and whose {@code code} API.md lists for that status — never a 5xx —
 * and a refused request must leave the row count of every table as it was. A new endpoint is swept without
 * anyone adding it here.
 *
 * <p>The sweep starts one application of its own on a throwaway database of its own, so the counts move only
 * for what its own requests do, and sends its requests over HTTP one after the other. Every request and its
 * answer are listed in {@code target/api-sweep.txt}.
 */
class ApiSweepIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(ApiSweepIntegrationTests.class);

    /** API.md's "Error codes" plus docs/api.md's additions, by status. */
    static final Map<Integer, Set<String>> CODES = Map.ofEntries(
            Map.entry(
                    400,
                    Set.of(
                            "malformed_request",
                            "validation_failed",
                            "idempotency_key_missing",
                            "card_data_refused",
                            "invalid_signature")),
            Map.entry(401, Set.of("unauthorized", "invalid_credentials")),
            Map.entry(402, Set.of("payment_declined")),
            Map.entry(403, Set.of("forbidden", "self_approval_forbidden", "search_access_required")),
            Map.entry(404, Set.of("not_found")),
            Map.entry(405, Set.of("method_not_allowed")),
            Map.entry(406, Set.of("not_acceptable")),
            Map.entry(
                    409,
                    Set.of(
                            "version_conflict",
                            "invalid_state",
                            "already_decided",
                            "email_taken",
                            "idempotency_key_in_use",
                            "job_not_completed")),
            Map.entry(413, Set.of("payload_too_large")),
            Map.entry(415, Set.of("unsupported_media_type")),
            Map.entry(
                    422,
                    Set.of(
                            "idempotency_key_reuse",
                            "invalid_input",
                            "product_unavailable",
                            "refund_exceeds_captured",
                            "total_too_large",
                            "refund_failed")),
            Map.entry(429, Set.of("rate_limited", "budget_exceeded")));

    /** Refusals that record what happened, as the contract says: a declined payment, a refund the provider refused. */
    private static final Set<String> RECORDED = Set.of("payment_declined", "refund_failed");

    /** Fields docs/api.md lets take a JSON number for their decimal string. */
    private static final Set<String> NUMBER_AS_TEXT = Set.of("price.amount");

    /** Tables the instance writes on its own (its presence, its latency histograms), whatever is asked. */
    private static final Set<String> TELEMETRY =
            Set.of("flyway_schema_history", "realtime_presence", "api_latency_buckets");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String LONG = "x".repeat(10_000);
    private static final String NON_BMP = "😀𝕏🀄".repeat(100);
    private static final String COMBINING = "e" + "\u0301".repeat(500);
    private static final String EXPANDING = "İ".repeat(200);

    private static ConfigurableApplicationContext app;
    private static JdbcClient jdbc;
    private static String base;
    private static HttpClient http;
    private static String countsQuery;

    @BeforeAll
    static void startAnInstanceOfItsOwn() {
        TestDatabase.Connection db = TestDatabase.another();
        app = SecondInstance.start(
                "--miyabi.database.url=" + db.url(),
                "--miyabi.database.user=" + db.user(),
                "--miyabi.database.password=" + db.password(),
                "--miyabi.payments.stripe.webhook-secret=" + IntegrationTest.STRIPE_WEBHOOK_SECRET);
        jdbc = app.getBean(JdbcClient.class);
        base = "http://127.0.0.1:" + SecondInstance.port(app);
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        List<String> counts = new ArrayList<>();
        jdbc
                .sql("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1")
                .query(String.class)
                .list()
                .stream()
                .filter(table -> !TELEMETRY.contains(table))
                .forEach(table -> counts.add("SELECT '" + table + "', count(*) FROM " + table));
        // Work an accepted change still has going: event listeners not done, jobs queued or running.
        counts.add("SELECT 'event_publication (incomplete)', count(*) FROM event_publication"
                + " WHERE completion_date IS NULL");
        counts.add("SELECT 'ai_jobs (active)', count(*) FROM ai_jobs WHERE status IN ('queued', 'running')");
        countsQuery = String.join(" UNION ALL ", counts);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void noClientInputGetsA5xxAnUnlistedCodeOrChangesAnythingWhenRefused() throws IOException {
        Fixtures fixtures = new Fixtures();
        JsonNode document = JSON.readTree(send(new Call("GET", "/v3/api-docs")).body());
        List<Operation> operations = Operation.all(document);
        Map<String, Integer> requestsPerOperation = new LinkedHashMap<>();
        List<String> defects = new ArrayList<>();
        List<String> trace = new ArrayList<>();
        int accepted = 0;
        long started = System.nanoTime();
        long[] nanos = new long[3]; // sending, counting rows, waiting for accepted work

        // The fixtures' work done first (their event listeners, the job they cancelled).
        Map<String, Long> idle = new LinkedHashMap<>(counts());
        idle.put("event_publication (incomplete)", 0L);
        Map<String, Long> before = settled(idle, counts());
        for (Operation operation : operations) {
            List<Call> calls = new Sweep(operation, fixtures, document).calls();
            for (Call call : calls) {
                long t0 = System.nanoTime();
                Answer answer = send(call);
                long t1 = System.nanoTime();
                Map<String, Long> after = counts();
                nanos[0] += t1 - t0;
                nanos[1] += System.nanoTime() - t1;
                String verdict = judge(call, answer, before, after);
                String line = operation + " [" + call.kind + "] → " + answer.status + " " + abbreviate(answer.body)
                        + " (" + (t1 - t0) / 1_000_000 + " ms)";
                trace.add(line + (verdict == null ? "" : " — DEFECT " + verdict));
                if (verdict != null) {
                    defects.add(line + (verdict.isEmpty() ? "" : " — " + verdict));
                }
                if (answer.status < 400 || answer.recorded()) {
                    accepted++;
                    long t2 = System.nanoTime();
                    after = settled(before, after);
                    nanos[2] += System.nanoTime() - t2;
                }
                before = after;
            }
            requestsPerOperation.put(operation.toString(), calls.size());
        }

        Files.write(Path.of("target", "api-sweep.txt"), trace, StandardCharsets.UTF_8);
        StringBuilder summary = new StringBuilder("API sweep: ")
                .append(operations.size())
                .append(" operations, ")
                .append(trace.size())
                .append(" requests (")
                .append(accepted)
                .append(" accepted) in ")
                .append((System.nanoTime() - started) / 1_000_000)
                .append(" ms (HTTP ")
                .append(nanos[0] / 1_000_000)
                .append(" ms, row counts ")
                .append(nanos[1] / 1_000_000)
                .append(" ms, accepted work ")
                .append(nanos[2] / 1_000_000)
                .append(" ms), ")
                .append(defects.size())
                .append(" defects (every request: target/api-sweep.txt). Requests per operation:");
        requestsPerOperation.forEach(
                (op, n) -> summary.append(" ").append(op).append(" ").append(n).append(";"));
        log.warn(summary.toString());
        assertThat(operations).as("operations in /v3/api-docs").hasSizeGreaterThan(40);
        assertThat(defects).as("answers that break the contract").isEmpty();
    }

    /**
     * Null when the answer keeps the contract; else why not ("" when the status says it all). A refused request
     * must leave every count as it was, except what a refusal records by design: a failed sign-in is counted, and
     * the refusal of a request with an {@code Idempotency-Key} is kept to be replayed.
     */
    private static @Nullable String judge(Call call, Answer answer, Map<String, Long> before, Map<String, Long> after) {
        if (answer.status >= 500) {
            return "";
        }
        if (answer.status < 400) {
            return answer.status >= 300 ? "" : call.mustRefuse ? "accepted, but must be refused" : null;
        }
        if (!answer.contentType.startsWith("application/problem+json")) {
            return "not application/problem+json but '" + answer.contentType + "'";
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(answer.body);
        } catch (RuntimeException e) {
            return "the problem is not JSON";
        }
        String code = problem.path("code").asString("");
        if (problem.path("status").asInt() != answer.status) {
            return "the problem's status is " + problem.path("status");
        }
        if (!CODES.getOrDefault(answer.status, Set.of()).contains(code)) {
            return "API.md lists no code '" + code + "' for " + answer.status;
        }
        if (RECORDED.contains(code)) {
            return null;
        }
        Set<String> recordedByDesign = new LinkedHashSet<>();
        if (code.equals("invalid_credentials")
                || problem.path("errors").toString().contains("\"currentPassword\"")) {
            // A wrong password counts as a failed sign-in, also when it is the current one of a password change.
            recordedByDesign.add("login_failures");
        }
        if (call.headers.containsKey("Idempotency-Key")) {
            recordedByDesign.add("idempotency_keys");
        }
        List<String> changed = new ArrayList<>();
        after.forEach((table, count) -> {
            if (!recordedByDesign.contains(table) && !count.equals(before.get(table))) {
                changed.add(table + " " + before.get(table) + " → " + count);
            }
        });
        return changed.isEmpty() ? null : "refused, but changed " + changed;
    }

    // ---- the requests --------------------------------------------------------------------------

    /** One request of the sweep: what it tries, and whether the server may accept it at all. */
    static final class Call {
        final String kind;
        final String method;
        final String path;
        final Map<String, String> headers = new LinkedHashMap<>();
        byte @Nullable [] body;
        boolean mustRefuse;

        Call(String method, String path) {
            this("base", method, path);
        }

        Call(String kind, String method, String path) {
            this.kind = kind;
            this.method = method;
            this.path = path;
        }

        /** The same request at another path (or query). */
        Call at(String otherPath) {
            Call copy = new Call(kind, method, otherPath);
            copy.headers.putAll(headers);
            copy.body = body;
            copy.mustRefuse = mustRefuse;
            return copy;
        }

        Call json(JsonNode value) {
            return raw("application/json", JSON.writeValueAsString(value));
        }

        Call raw(@Nullable String contentType, String content) {
            return bytes(contentType, content.getBytes(StandardCharsets.UTF_8));
        }

        Call bytes(@Nullable String contentType, byte @Nullable [] content) {
            if (contentType == null) {
                headers.remove("Content-Type");
            } else {
                headers.put("Content-Type", contentType);
            }
            body = content;
            return this;
        }

        Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Call token(@Nullable String token) {
            if (token == null) {
                headers.remove("Authorization");
            } else {
                headers.put("Authorization", "Bearer " + token);
            }
            return this;
        }

        Call refused() {
            mustRefuse = true;
            return this;
        }

        Call refused(boolean must) {
            mustRefuse = must;
            return this;
        }
    }

    record Answer(int status, String contentType, String body) {

        boolean recorded() {
            return status == 402 || (status == 422 && body.contains("\"refund_failed\""));
        }
    }

    private static Answer send(Call call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        call.method,
                        call.body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(call.body));
        call.headers.forEach(request::header);
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(call.method + " " + call.path + " [" + call.kind + "] failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- the table of bad requests for one operation -------------------------------------------

    /** One operation of the document: its path template, parameters and JSON body schema. */
    record Operation(
            String method,
            String template,
            List<JsonNode> parameters,
            @Nullable JsonNode body,
            boolean bodyRequired) {

        /**
         * The document's operations but the test-only endpoints of this test classpath ({@code /api/test/**}:
         * probes that fail on purpose, which the server itself does not have).
         */
        static List<Operation> all(JsonNode document) {
            List<Operation> operations = new ArrayList<>();
            document.path("paths")
                    .properties()
                    .forEach(path -> path.getValue().properties().forEach(op -> {
                        JsonNode requestBody = op.getValue().path("requestBody");
                        JsonNode content = requestBody.path("content");
                        List<JsonNode> parameters = new ArrayList<>();
                        op.getValue().path("parameters").forEach(parameters::add);
                        operations.add(new Operation(
                                op.getKey().toUpperCase(Locale.ROOT),
                                path.getKey(),
                                parameters,
                                content.has("application/json")
                                        ? content.path("application/json").path("schema")
                                        : null,
                                requestBody.path("required").asBoolean(false)));
                    }));
            return operations.stream()
                    .filter(operation -> !operation.template().startsWith("/api/test/"))
                    .toList();
        }

        List<JsonNode> in(String where) {
            return parameters.stream()
                    .filter(p -> p.path("in").asString().equals(where))
                    .toList();
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    /** The requests for one operation: its valid base request with one thing wrong at a time. */
    private static final class Sweep {

        private final Operation operation;
        private final Fixtures fixtures;
        private final JsonNode document;
        private final List<Call> calls = new ArrayList<>();
        private final String path;
        private final @Nullable String identity;
        private final @Nullable JsonNode body;

        Sweep(Operation operation, Fixtures fixtures, JsonNode document) {
            this.operation = operation;
            this.fixtures = fixtures;
            this.document = document;
            this.path = fixtures.path(operation.template());
            this.identity = fixtures.actingOn(operation);
            this.body = operation.body() == null
                    ? null
                    : fixtures.body(operation.body(), resolve(operation.body()), operation.template());
        }

        List<Call> calls() {
            authentication();
            pathParameters();
            queryParameters();
            headers();
            if (body != null) {
                bodies();
                if (body.isObject()) {
                    fields(resolve(operation.body()), List.of());
                }
            }
            return calls;
        }

        /** The base request: the fixtures' ids, a valid body, a fresh key where one is required, the token. */
        private Call base(String kind) {
            Call call = new Call(kind, operation.method(), path);
            for (JsonNode header : operation.in("header")) {
                if (header.path("name").asString().equals("Idempotency-Key")
                        && header.path("required").asBoolean()) {
                    call.header("Idempotency-Key", UUID.randomUUID().toString());
                }
            }
            if (body != null) {
                call.json(body);
            }
            return call.token(identity);
        }

        /**
         * Without a token, with a malformed one, with Basic credentials, with a customer's (where the admin acts)
         * and with another customer's (for a resource of the customer's or the admin's).
         */
        private void authentication() {
            calls.add(base("no token").token(null));
            calls.add(base("malformed token").token("not-a-jwt"));
            calls.add(base("basic credentials").token(null).header("Authorization", "Basic YWRtaW46YWRtaW4="));
            if (identity == null) {
                return;
            }
            if (identity.equals(fixtures.admin)) {
                calls.add(base("as a customer").token(fixtures.customer));
            }
            if (!operation.in("path").isEmpty()) {
                calls.add(base("another customer's token").token(fixtures.other));
            }
        }

        private void pathParameters() {
            for (JsonNode parameter : operation.in("path")) {
                String name = parameter.path("name").asString();
                List<String> values = new ArrayList<>(List.of(
                        "not-a-uuid",
                        "1",
                        "00000000-0000-0000-0000-00000000000g",
                        "%00",
                        "%FF%FE",
                        "%F0%9F%98%80",
                        "e%CC%81",
                        "x".repeat(300)));
                if ("uuid".equals(parameter.path("schema").path("format").asString())) {
                    values.add(UUID.randomUUID().toString());
                }
                for (String value : values) {
                    String bad = operation.template().replace("{" + name + "}", value);
                    calls.add(base("path " + name + "=" + abbreviate(value))
                            .at(fixtures.path(bad))
                            .refused());
                }
            }
        }

        private void queryParameters() {
            // Any operation: filters read the parameters too.
            calls.add(base("query not UTF-8").at(path + "?x=%FF%FE"));
            calls.add(base("query with NUL").at(path + "?x=a%00b"));
            for (JsonNode parameter : operation.in("query")) {
                String name = parameter.path("name").asString();
                String type = parameter.path("schema").path("type").asString("string");
                boolean uuid =
                        "uuid".equals(parameter.path("schema").path("format").asString());
                Map<String, Boolean> values = new LinkedHashMap<>();
                switch (type) {
                    case "integer" -> {
                        values.put("abc", true);
                        values.put("1.5", true);
                        values.put("-1", false);
                        values.put("99999999999999999999", false);
                        values.put("", false);
                    }
                    case "boolean" -> {
                        values.put("maybe", true);
                        values.put("", false);
                    }
                    default -> {
                        if (uuid) {
                            values.put("not-a-uuid", true);
                        } else {
                            values.put("no_such_value", false);
                            values.put(LONG, false);
                            values.put(NON_BMP, false);
                            values.put(COMBINING, false);
                            values.put("createdAt,sideways", false);
                        }
                        values.put("", false);
                        values.put("a\u0000b", true);
                    }
                }
                values.forEach((value, must) -> calls.add(base("query " + name + "=" + abbreviate(value))
                        .at(path + query(name, value))
                        .refused(must)));
                calls.add(base("query " + name + " not UTF-8").at(path + "?" + name + "=%FF%FE"));
                String[] two = switch (type) {
                    case "integer" -> new String[] {"0", "1"};
                    case "boolean" -> new String[] {"true", "false"};
                    default ->
                        uuid
                                ? new String[] {
                                    UUID.randomUUID().toString(),
                                    UUID.randomUUID().toString()
                                }
                                : new String[] {"a", "b"};
                };
                calls.add(base("query " + name + " twice").at(path + query(name, two[0]) + "&" + name + "=" + two[1]));
            }
        }

        private void headers() {
            for (JsonNode header : operation.in("header")) {
                String name = header.path("name").asString();
                List<String> values = switch (name) {
                    case "Idempotency-Key" -> List.of("", "x".repeat(300), "has space");
                    case "If-Match" -> List.of("abc", "\"abc\"", "\"-1\"", "\"99999999999999999999\"", "W/\"0\"");
                    default -> List.of("", LONG);
                };
                for (String value : values) {
                    calls.add(base("header " + name + "=" + abbreviate(value)).header(name, value));
                }
            }
            calls.add(base("accept application/xml").header("Accept", "application/xml"));
            Set.of("GET", "POST", "PUT", "PATCH", "DELETE").stream()
                    .filter(method ->
                            !document.path("paths").path(operation.template()).has(method.toLowerCase(Locale.ROOT)))
                    .sorted()
                    .findFirst()
                    .ifPresent(other -> calls.add(new Call("method " + other, other, path)
                            .token(identity)
                            .refused()));
        }

        private void bodies() {
            String valid = JSON.writeValueAsString(body);
            calls.add(base("body malformed").raw("application/json", "{").refused());
            // An optional body may be left out: the operation's defaults apply.
            calls.add(base("body empty").raw("application/json", "").refused(operation.bodyRequired()));
            calls.add(base("body missing").bytes("application/json", null).refused(operation.bodyRequired()));
            calls.add(base("body null").raw("application/json", "null").refused(operation.bodyRequired()));
            calls.add(base("body array").raw("application/json", "[]").refused());
            calls.add(base("body string").raw("application/json", "\"x\"").refused());
            calls.add(base("body number").raw("application/json", "123").refused());
            calls.add(base("body trailing garbage")
                    .raw("application/json", valid + "x")
                    .refused());
            calls.add(base("body nested 2000 deep")
                    .raw("application/json", "[".repeat(2000) + "]".repeat(2000))
                    .refused());
            calls.add(base("body not UTF-8")
                    .bytes(
                            "application/json",
                            ("{\"\u00e9\": 0, " + valid.substring(1)).getBytes(StandardCharsets.ISO_8859_1))
                    .refused());
            calls.add(base("body over 1 MiB")
                    .raw("application/json", "{\"x\": \"" + "x".repeat(1 << 20) + "\"}")
                    .refused());
            calls.add(base("content-type text/plain").raw("text/plain", valid).refused());
            calls.add(base("content-type application/xml")
                    .raw("application/xml", valid)
                    .refused());
            calls.add(base("content-type form")
                    .raw("application/x-www-form-urlencoded", valid)
                    .refused());
            calls.add(base("no content-type")
                    .bytes(null, valid.getBytes(StandardCharsets.UTF_8))
                    .refused());
        }

        /** One wrong thing at a time in each field, in nested objects and in the first element of object arrays. */
        private void fields(JsonNode schema, List<Object> at) {
            Set<String> required = new LinkedHashSet<>();
            schema.path("required").forEach(r -> required.add(r.asString()));
            for (var property : schema.path("properties").properties()) {
                List<Object> field = new ArrayList<>(at);
                field.add(property.getKey());
                JsonNode fieldSchema = resolve(property.getValue());
                // springdoc shows a free-form JSON value (Jackson's JsonNode) as an object of its getters.
                String type =
                        property.getValue().path("$ref").asString("").endsWith("/JsonNode") ? "any" : type(fieldSchema);
                String name = name(field);
                boolean isRequired = required.contains(property.getKey());
                mutate(field, name + " missing", null, isRequired);
                mutate(field, name + " null", NODES.nullNode(), isRequired);
                wrongTypes(type)
                        .forEach((kind, value) -> mutate(
                                field, name + "=" + kind, value, !(value.isNumber() && NUMBER_AS_TEXT.contains(name))));
                values(type, property.getKey())
                        .forEach((kind, value) -> mutate(field, name + "=" + kind, value, false));
                if (type.equals("object") && fieldSchema.has("properties") && at.size() < 2) {
                    fields(fieldSchema, field);
                }
                JsonNode items = resolve(fieldSchema.path("items"));
                if (type.equals("array") && items.has("properties") && at.isEmpty()) {
                    List<Object> first = new ArrayList<>(field);
                    first.add(0);
                    fields(items, first);
                }
            }
        }

        private void mutate(List<Object> field, String kind, @Nullable JsonNode value, boolean mustRefuse) {
            JsonNode changed = body.deepCopy();
            JsonNode parent = changed;
            for (Object step : field.subList(0, field.size() - 1)) {
                JsonNode next = step instanceof Integer index ? parent.path(index) : parent.path((String) step);
                if (!next.isContainer()) {
                    if (!(parent instanceof ObjectNode object) || step instanceof Integer) {
                        return;
                    }
                    next = object.putObject((String) step);
                }
                parent = next;
            }
            Object last = field.getLast();
            if (parent instanceof ObjectNode object && last instanceof String key) {
                if (value == null) {
                    object.remove(key);
                } else {
                    object.set(key, value);
                }
            } else if (parent instanceof ArrayNode array && last instanceof Integer index && index < array.size()) {
                if (value == null) {
                    array.remove((int) index);
                } else {
                    array.set(index, value);
                }
            } else {
                return;
            }
            calls.add(base("body " + kind).json(changed).refused(mustRefuse));
        }

        /** A value of every JSON type but the field's own: 400 malformed_request by API.md. */
        private static Map<String, JsonNode> wrongTypes(String type) {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            if (type.equals("any")) {
                return values;
            }
            if (!type.equals("string")) {
                values.put("\"text\"", NODES.stringNode("text"));
            }
            if (!type.equals("integer") && !type.equals("number")) {
                values.put("123", NODES.numberNode(123));
                values.put("1.5", NODES.numberNode(new BigDecimal("1.5")));
            }
            if (type.equals("integer")) {
                values.put("1.5", NODES.numberNode(new BigDecimal("1.5")));
                values.put("\"12\"", NODES.stringNode("12"));
            }
            if (!type.equals("boolean")) {
                values.put("true", NODES.booleanNode(true));
            }
            if (!type.equals("object")) {
                values.put("{}", NODES.objectNode());
            }
            if (!type.equals("array")) {
                values.put("[]", NODES.arrayNode());
            }
            return values;
        }

        /** Values of the field's own type that its rules may refuse (or accept). */
        private static Map<String, JsonNode> values(String type, String property) {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            switch (type) {
                case "string", "any" -> {
                    values.put("\"\"", NODES.stringNode(""));
                    values.put("blank", NODES.stringNode("   "));
                    values.put("10 000 chars", NODES.stringNode(LONG));
                    values.put("non-BMP", NODES.stringNode(NON_BMP));
                    values.put("combining", NODES.stringNode(COMBINING));
                    values.put("NUL", NODES.stringNode("a\u0000b"));
                    values.put("lone surrogate", NODES.stringNode("a\uD800b"));
                    values.put("200 İ", NODES.stringNode(EXPANDING));
                    values.put("unknown enum", NODES.stringNode("no_such_value"));
                    if (property.toLowerCase(Locale.ROOT).endsWith("amount")) {
                        // Amounts are decimal strings: negative, huge, fractional beyond the minor units.
                        values.put("\"-1\"", NODES.stringNode("-1"));
                        values.put("\"1e400\"", NODES.stringNode("1e400"));
                        values.put("\"0.001\"", NODES.stringNode("0.001"));
                        values.put("\"99999999999999999999.99\"", NODES.stringNode("99999999999999999999.99"));
                    }
                }
                case "integer", "number" -> {
                    values.put("-1", NODES.numberNode(-1));
                    values.put("0", NODES.numberNode(0));
                    values.put("2^31", NODES.numberNode(2147483648L));
                    values.put("2^63", NODES.numberNode(new BigInteger("9223372036854775808")));
                    values.put("1e400", NODES.numberNode(new BigDecimal("1e400")));
                }
                case "array" -> {
                    values.put("[null]", NODES.arrayNode().addNull());
                    values.put("[123]", NODES.arrayNode().add(123));
                    values.put("[unknown]", NODES.arrayNode().add("no_such_value"));
                    values.put("[10 000 chars]", NODES.arrayNode().add(LONG));
                    values.put("[NUL]", NODES.arrayNode().add("a\u0000b"));
                    values.put("[{}]", NODES.arrayNode().add(NODES.objectNode()));
                    ArrayNode many = NODES.arrayNode();
                    for (int i = 0; i < 1000; i++) {
                        many.add("item-" + i);
                    }
                    values.put("1000 items", many);
                }
                case "object" -> values.put("{unknown: 1}", NODES.objectNode().put("unknown", 1));
                default -> {}
            }
            if (type.equals("any")) {
                ObjectNode deep = NODES.objectNode();
                ObjectNode at = deep;
                for (int i = 0; i < 300; i++) {
                    at = at.putObject("a");
                }
                values.put("300 deep", deep);
                values.put("1e400", NODES.numberNode(new BigDecimal("1e400")));
                values.put("{NUL}", NODES.objectNode().put("a\u0000b", "a\u0000b"));
            }
            return values;
        }

        private static String type(JsonNode schema) {
            if (schema.has("type")) {
                return schema.path("type").asString();
            }
            return schema.has("properties") ? "object" : "any";
        }

        private JsonNode resolve(JsonNode schema) {
            String ref = schema.path("$ref").asString("");
            return ref.startsWith("#/components/schemas/")
                    ? document.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()))
                    : schema;
        }

        private static String name(List<Object> field) {
            StringBuilder name = new StringBuilder();
            for (Object step : field) {
                if (step instanceof Integer index) {
                    name.append('[').append(index).append(']');
                } else {
                    name.append(name.isEmpty() ? "" : ".").append(step);
                }
            }
            return name.toString();
        }

        private static String query(String name, String value) {
            return "?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    private static final class Fixtures {

        final String admin;
        final String customer;
        final String other;
        final String approver;
        final UUID otherId;
        final UUID product;
        final long productVersion;
        final UUID payable;
        final UUID payment;
        final UUID awaitingApproval;
        final UUID approval;
        final UUID policy;
        final long policyVersion;
        final UUID job;
        final UUID task;

        Fixtures() {
            admin = login(IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD)
                    .path("accessToken")
                    .asString();
            customer = register("customer").path("accessToken").asString();
            JsonNode otherSession = register("other");
            other = otherSession.path("accessToken").asString();
            otherId = UUID.fromString(otherSession.path("user").path("id").asString());
            JsonNode approverSession = register("approver");
            ok(call(
                            "PUT",
                            "/admin/users/"
                                    + approverSession.path("user").path("id").asString() + "/roles",
                            admin)
                    .json(NODES.objectNode().set("roles", NODES.arrayNode().add("approver"))));
            approver = login(approverSession.path("user").path("email").asString(), IntegrationTest.PASSWORD)
                    .path("accessToken")
                    .asString();

            JsonNode created = ok(call("POST", "/products", admin).json(product("50.00", "technical_support")));
            product = id(created);
            productVersion = created.path("version").asLong();
            UUID consulting = id(ok(call("POST", "/products", admin).json(product("1500.00", "business_consulting"))));
            payable = id(ok(call("POST", "/orders", customer).json(order(product))));
            UUID paid = id(ok(call("POST", "/orders", customer).json(order(product))));
            Call pay = call("POST", "/orders/" + paid + "/payments", customer)
                    .json(NODES.objectNode().put("paymentMethod", "pm_card_visa"));
            pay.headers.put("Idempotency-Key", UUID.randomUUID().toString());
            payment = id(ok(pay));
            JsonNode needsApproval = ok(call("POST", "/orders", customer).json(order(consulting)));
            awaitingApproval = id(needsApproval);
            approval = UUID.fromString(needsApproval.path("approvalId").asString());
            JsonNode policyCreated =
                    ok(call("POST", "/approval-policies", admin).json(policy()));
            policy = id(policyCreated);
            policyVersion = policyCreated.path("version").asLong();
            job = id(ok(call("POST", "/ai/jobs", customer).json(job())));
            send(call("POST", "/ai/jobs/" + job + "/cancel", customer));
            task = id(
                    ok(call("GET", "/agents/tasks?size=1", admin)).path("items").get(0));
        }

        /** The path of an operation with the fixtures' ids in place of its parameters (by the resource it names). */
        String path(String template) {
            Map<String, UUID> ids = new LinkedHashMap<>();
            ids.put("/api/admin/users/", otherId);
            ids.put("/api/agents/tasks/", task);
            ids.put("/api/ai/jobs/", job);
            ids.put("/api/approval-policies/", policy);
            ids.put("/api/approvals/", approval);
            ids.put("/api/orders/{id}/payments", payable);
            ids.put("/api/orders/", awaitingApproval);
            ids.put("/api/payments/", payment);
            ids.put("/api/products/", product);
            String id = ids.entrySet().stream()
                    .filter(prefix -> template.startsWith(prefix.getKey()))
                    .map(prefix -> prefix.getValue().toString())
                    .findFirst()
                    .orElse(UUID.randomUUID().toString());
            return template.replace("{provider}", "stripe").replaceAll("\\{[^}]+}", id);
        }

        /**
         * Whose token the bad requests carry: the admin's, who may do nearly everything, except where only
         * the customer who owns the order (revising, paying it) or an approver of the request may act.
         */
        String actingOn(Operation operation) {
            return switch (operation.toString()) {
                case "PATCH /api/orders/{id}", "POST /api/orders/{id}/payments" -> customer;
                case "POST /api/approvals/{id}/decisions" -> approver;
                default -> admin;
            };
        }

        /** A valid body for a request schema, so that one broken field at a time is what the server sees. */
        JsonNode body(JsonNode schema, JsonNode resolved, String template) {
            String name = schema.path("$ref").asString("").replace("#/components/schemas/", "");
            return switch (name) {
                case "RolesRequest" ->
                    NODES.objectNode().set("roles", NODES.arrayNode().add("approver"));
                case "CreateJobRequest" -> job();
                case "PolicyInput" -> policy().put("version", policyVersion);
                case "DecisionRequest" ->
                    NODES.objectNode().put("decision", "approve").put("comment", "Sweep");
                case "LoginRequest" ->
                    NODES.objectNode().put("email", "nobody@example.test").put("password", "wrong password");
                case "RefreshRequest" -> NODES.objectNode().put("refreshToken", "not-a-refresh-token");
                case "RegisterRequest" ->
                    NODES.objectNode()
                            .put("email", "sweep@example.test")
                            .put("password", IntegrationTest.PASSWORD)
                            .put("name", "Sweep");
                case "PlaceOrderRequest" -> order(product);
                case "ReviseRequest" -> NODES.objectNode().put("input", "Revised notes");
                case "NoteRequest" -> NODES.objectNode().put("note", "Sweep").put("reason", "Sweep");
                case "PayRequest" -> NODES.objectNode().put("paymentMethod", "pm_card_visa");
                case "RefundBody" -> NODES.objectNode().put("amount", "1.00").put("reason", "Sweep");
                case "ProductRequest" ->
                    product("10.00", "technical_support").put("status", "draft").put("version", productVersion);
                default -> template.startsWith("/api/payments/webhooks/") ? NODES.objectNode() : example(resolved);
            };
        }

        private static JsonNode example(JsonNode schema) {
            return switch (schema.path("type").asString("object")) {
                case "string" -> NODES.stringNode("x");
                case "integer", "number" -> NODES.numberNode(1);
                case "boolean" -> NODES.booleanNode(true);
                case "array" -> NODES.arrayNode();
                default -> {
                    ObjectNode object = NODES.objectNode();
                    schema.path("properties").properties().forEach(p -> object.set(p.getKey(), example(p.getValue())));
                    yield object;
                }
            };
        }

        private static ObjectNode product(String price, String category) {
            ObjectNode product =
                    NODES.objectNode().put("name", "Sweep " + category).put("description", "Swept");
            product.putObject("price").put("amount", price).put("currency", "USD");
            return product.put("category", category).put("status", "active");
        }

        private static ObjectNode order(UUID product) {
            return NODES.objectNode()
                    .put("productId", product.toString())
                    .put("quantity", 1)
                    .put("input", "Notes");
        }

        private static ObjectNode policy() {
            ObjectNode policy = NODES.objectNode()
                    .put("name", "Sweep policy")
                    .put("active", false)
                    .put("priority", 1);
            ObjectNode applies = policy.putObject("appliesTo")
                    .put("resourceType", "order")
                    .put("minAmount", "1.00")
                    .put("currency", "CHF");
            applies.putArray("categories").add("technical_support");
            policy.putArray("stages")
                    .addObject()
                    .put("name", "Review")
                    .put("approverRole", "approver")
                    .put("mode", "any")
                    .put("timeoutHours", 24)
                    .put("onTimeout", "escalate");
            return policy;
        }

        private static ObjectNode job() {
            ObjectNode job = NODES.objectNode().put("type", "document_generation");
            job.putObject("input")
                    .put("documentType", "faq")
                    .put("title", "Sweep questions")
                    .put("audience", "Testers");
            return job;
        }

        private static JsonNode register(String who) {
            return ok(new Call("POST", "/api/auth/register")
                    .json(NODES.objectNode()
                            .put("email", who + "-" + UUID.randomUUID() + "@example.test")
                            .put("password", IntegrationTest.PASSWORD)
                            .put("name", "Sweep " + who)));
        }

        private static JsonNode login(String email, String password) {
            return ok(new Call("POST", "/api/auth/login")
                    .json(NODES.objectNode().put("email", email).put("password", password)));
        }

        private static Call call(String method, String path, String token) {
            return new Call(method, "/api" + path).token(token);
        }

        private static JsonNode ok(Call call) {
            Answer answer = send(call);
            assertThat(answer.status())
                    .as(call.method + " " + call.path + ": " + answer.body())
                    .isBetween(200, 299);
            return JSON.readTree(answer.body());
        }

        private static UUID id(JsonNode resource) {
            return UUID.fromString(resource.path("id").asString());
        }
    }

    // ---- the database's counts -------------------------------------------------------------------

    private static Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql(countsQuery).query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    /**
     * The counts once the work an accepted request started is done: no more event listeners left undone than
     * {@code before} it, no job queued or running, and nothing moving between two reads. A listener that keeps
     * failing leaves its publication undone; after 15 seconds the sweep goes on from what it sees.
     */
    private static Map<String, Long> settled(Map<String, Long> before, Map<String, Long> after) {
        AtomicReference<Map<String, Long>> last = new AtomicReference<>(after);
        try {
            await().pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(20))
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> {
                        Map<String, Long> now = counts();
                        boolean quiet = now.equals(last.get())
                                && now.get("ai_jobs (active)") == 0
                                && now.get("event_publication (incomplete)")
                                        <= before.get("event_publication (incomplete)");
                        last.set(now);
                        return quiet;
                    });
        } catch (ConditionTimeoutException stillBusy) {
            log.warn("API sweep: the server was still busy after 15 s; going on from {}", last.get());
        }
        return last.get();
    }

    /** At most 60 characters of a value or an answer, lone surrogates and control characters shown as '?'. */
    private static String abbreviate(String text) {
        String flat = text.replaceAll("[\\p{Cs}\\p{Cc}]", "?");
        int cut = flat.offsetByCodePoints(0, Math.min(57, flat.codePointCount(0, flat.length())));
        return cut < flat.length() && flat.codePointCount(0, flat.length()) > 60
                ? flat.substring(0, cut) + "…(" + text.length() + ")"
                : flat;
    }
}
