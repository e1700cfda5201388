package dev.miyabi.cli.api;

import dev.miyabi.cli.CliException;
import dev.miyabi.cli.ExitCodes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Miyabi HTTP API as the terminal client uses it: one base URL, the bearer token of the
 * stored session (refreshed shortly before it expires, and once more after a 401), and errors
 * turned into {@link CliException}s with the documented exit codes.
 *
 * <p>A request goes out without a token when there is no session, so a server that is down is
 * reported as unreachable (exit 5) before a missing login (exit 3) is.
 */
public final class MiyabiClient {

    static final Duration REFRESH_MARGIN = Duration.ofSeconds(30);
    private static final JsonMapper JSON = Json.MAPPER;

    private final String baseUrl;
    private final SessionStore sessions;
    private final HttpClient http;
    private final Clock clock;

    public MiyabiClient(String baseUrl, SessionStore sessions) {
        this(baseUrl, sessions, Clock.systemUTC());
    }

    MiyabiClient(String baseUrl, SessionStore sessions, Clock clock) {
        this.baseUrl = normalize(baseUrl);
        this.sessions = sessions;
        this.clock = clock;
        HttpClient.Builder http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
        if (this.baseUrl.startsWith("http:")) {
            // A plain-HTTP server needs no TLS: skip the default context, which reads every CA
            // certificate of the JDK at start-up (a large share of a command's time).
            try {
                http.sslContext(SSLContext.getInstance("TLS")).sslParameters(new SSLParameters());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        this.http = http.build();
    }

    /** {@code http://Host:8080/} → {@code http://host:8080}: the key of the session. */
    public static String normalize(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw CliException.usage("Not a URL: " + url);
        }
        if (uri.getScheme() == null
                || uri.getHost() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            throw CliException.usage("Not an http(s) URL: " + url);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + path;
    }

    public String baseUrl() {
        return baseUrl;
    }

    HttpClient http() {
        return http;
    }

    public Optional<Session> session() {
        return sessions.find(baseUrl);
    }

    // ---- requests -------------------------------------------------------------------------

    public ApiResponse get(String path) {
        return send("GET", path, null, Map.of());
    }

    public ApiResponse get(String path, Map<String, ?> query) {
        return get(path + query(query));
    }

    public ApiResponse post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    public ApiResponse post(String path, Object body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    public ApiResponse put(String path, Object body) {
        return send("PUT", path, body, Map.of());
    }

    public ApiResponse patch(String path, Object body) {
        return send("PATCH", path, body, Map.of());
    }

    /** {@code ?a=1&b=x} from the non-null values, in order; empty when there are none. */
    public static String query(Map<String, ?> parameters) {
        StringJoiner joiner = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> {
            if (value != null) {
                joiner.add(name + "=" + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
            }
        });
        return joiner.toString();
    }

    public static Map<String, Object> params(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /**
     * Sends a request with the session's token (when there is one); a 401 with a token gets one
     * refresh and one repeat. Any answer but 2xx throws {@link ApiException}.
     */
    public ApiResponse send(String method, String path, Object body, Map<String, String> headers) {
        Optional<Session> session = session();
        if (session.isPresent() && session.get().expiresWithin(REFRESH_MARGIN, clock.instant())) {
            session = Optional.of(refresh(session.get()));
        }
        HttpResponse<byte[]> response = exchange(method, path, body, headers, session.orElse(null));
        if (response.statusCode() == 401 && session.isPresent()) {
            session = Optional.of(refresh(session.get()));
            response = exchange(method, path, body, headers, session.get());
        }
        if (response.statusCode() / 100 == 2) {
            return new ApiResponse(response.statusCode(), response.headers(), response.body());
        }
        throw failure(response, session.isPresent());
    }

    /** Sends a request without any token (sign-in, sign-up, refresh, sign-out). */
    public ApiResponse sendAnonymous(String method, String path, Object body) {
        HttpResponse<byte[]> response = exchange(method, path, body, Map.of(), null);
        if (response.statusCode() / 100 == 2) {
            return new ApiResponse(response.statusCode(), response.headers(), response.body());
        }
        throw failure(response, false);
    }

    /** A valid access token for {@code /ws}, refreshed first when it is about to expire. */
    public Session freshSession(Duration margin) {
        Session session = session().orElseThrow(this::notLoggedIn);
        return session.expiresWithin(margin, clock.instant()) ? refresh(session) : session;
    }

    /** Forces a refresh (after the server said the token is no longer good). */
    public Session refreshNow() {
        return refresh(session().orElseThrow(this::notLoggedIn));
    }

    // ---- sessions -----------------------------------------------------------------------------

    /** Stores the session of a sign-in or sign-up answer. */
    public Session saveSession(JsonNode answer) {
        Session session = sessionOf(answer, answer.path("user").path("email").asString(""));
        sessions.locked(store -> {
            store.put(baseUrl, session);
            return null;
        });
        return session;
    }

    public void forgetSession() {
        sessions.locked(store -> {
            store.put(baseUrl, null);
            return null;
        });
    }

    /**
     * Exchanges the refresh token for a new pair, under the store's lock. If another client
     * refreshed since {@code stale} was read, its newer tokens are used instead of spending the
     * old refresh token a second time.
     */
    private Session refresh(Session stale) {
        return sessions.locked(store -> {
            Session current = store.find(baseUrl).orElseThrow(this::sessionEnded);
            if (!current.refreshToken().equals(stale.refreshToken())
                    && !current.expiresWithin(REFRESH_MARGIN, clock.instant())) {
                return current;
            }
            HttpResponse<byte[]> response = exchange(
                    "POST", "/api/auth/refresh", Map.of("refreshToken", current.refreshToken()), Map.of(), null);
            if (response.statusCode() == 200) {
                Session renewed = sessionOf(JSON.readTree(response.body()), current.email());
                store.put(baseUrl, renewed);
                return renewed;
            }
            if (response.statusCode() == 400 || response.statusCode() == 401) {
                store.put(baseUrl, null);
                throw sessionEnded();
            }
            throw failure(response, true);
        });
    }

    private Session sessionOf(JsonNode answer, String email) {
        long expiresIn = answer.path("expiresIn").asLong(900);
        return new Session(
                email,
                answer.path("accessToken").asString(),
                clock.instant().plusSeconds(expiresIn),
                answer.path("refreshToken").asString());
    }

    private CliException notLoggedIn() {
        return new CliException(ExitCodes.NOT_LOGGED_IN, "Not logged in to " + baseUrl + ": run 'miyabi login'.");
    }

    private CliException sessionEnded() {
        return new CliException(
                ExitCodes.NOT_LOGGED_IN,
                "Your session at " + baseUrl + " has ended (signed out elsewhere, or expired): run 'miyabi login'.");
    }

    // ---- the wire -------------------------------------------------------------------------------

    private HttpResponse<byte[]> exchange(
            String method, String path, Object body, Map<String, String> headers, Session session) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json, */*")
                .header("User-Agent", "miyabi-cli");
        headers.forEach(request::header);
        if (session != null) {
            request.header("Authorization", "Bearer " + session.accessToken());
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            byte[] json = body instanceof byte[] bytes ? bytes : JSON.writeValueAsBytes(body);
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw unreachable("no connection", e);
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer within 60 s", e);
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNREACHABLE, "Interrupted", e);
        }
    }

    private CliException unreachable(String why, Exception cause) {
        return new CliException(
                ExitCodes.UNREACHABLE, "Cannot reach the server at " + baseUrl + " (" + why + ").", cause);
    }

    private CliException failure(HttpResponse<byte[]> response, boolean hadSession) {
        int status = response.statusCode();
        JsonNode problem;
        try {
            problem = response.body().length == 0 ? JSON.missingNode() : JSON.readTree(response.body());
        } catch (tools.jackson.core.JacksonException notJson) {
            problem = JSON.missingNode();
        }
        if (status == 401 && !"invalid_credentials".equals(problem.path("code").asString(""))) {
            return hadSession ? sessionEnded() : notLoggedIn();
        }
        return ApiException.of(status, problem, response.headers().firstValue("Retry-After"));
    }
}
