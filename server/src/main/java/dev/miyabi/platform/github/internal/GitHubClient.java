package dev.miyabi.platform.github.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * GitHub's REST API over {@code java.net.http}: the media type and API version headers, the rate limits
 * (primary {@code X-RateLimit-*}, {@code Retry-After}, secondary 403/429) turned into a pause of the whole
 * mirror ({@link MirrorState}), conditional reads with {@code ETag}s, and {@code Link} pagination. Every
 * request checks the pause first, token requests included.
 */
class GitHubClient {

    private static final Logger log = LoggerFactory.getLogger(GitHubClient.class);
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
    /** GitHub asks to wait at least a minute after a secondary limit that names no time. */
    private static final Duration SECONDARY_DEFAULT = Duration.ofSeconds(60);

    /** An answer: status, body ({@code MissingNode} when empty) and the next page's URL, if any. */
    record Response(int status, JsonNode body, @Nullable String next) {}

    private record Cached(String etag, Response response) {}

    private final HttpClient http;
    private final GitHubProperties properties;
    private final MirrorState state;
    private final JsonMapper json;
    private final Clock clock;
    private final Counter pauses;
    private final MeterRegistry meters;
    private final Map<String, Cached> etags = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > 500;
        }
    };
    private @Nullable Supplier<String> authorization;
    private Runnable unauthorized = () -> {};

    GitHubClient(GitHubProperties properties, MirrorState state, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.state = state;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        this.pauses = Counter.builder("miyabi.github.rate_limit.pauses")
                .description("Times the GitHub mirror paused for a rate limit")
                .register(meters);
        // HTTP/1.1: GitHub serves it everywhere, and a plain-http Enterprise Server or proxy need not
        // understand an h2c upgrade.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.requestTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * Where the {@code Authorization} header comes from (a token, or the App's installation token), and what
     * to do when GitHub answers 401 to it (forget an installation token).
     */
    void authorizeWith(Supplier<String> authorization, Runnable unauthorized) {
        this.authorization = authorization;
        this.unauthorized = unauthorized;
    }

    /** The repository's path prefix, {@code /repos/owner/name}. */
    String repo() {
        return "/repos/" + properties.repository();
    }

    /** A conditional GET ({@code If-None-Match}); a 304 answers with the cached response. */
    Response get(String pathOrUrl) {
        String url = url(pathOrUrl);
        Cached cached;
        synchronized (etags) {
            cached = etags.get(url);
        }
        HttpResponse<String> response = exchange("GET", url, null, cached == null ? null : cached.etag(), null);
        if (response.statusCode() == 304 && cached != null) {
            return cached.response();
        }
        Response answer = answer(response);
        Optional<String> etag = response.headers().firstValue("ETag");
        if (etag.isPresent()) {
            synchronized (etags) {
                etags.put(url, new Cached(etag.get(), answer));
            }
        }
        return answer;
    }

    Response post(String path, Object body) {
        return answer(exchange("POST", url(path), body, null, null));
    }

    Response patch(String path, Object body) {
        return answer(exchange("PATCH", url(path), body, null, null));
    }

    Response put(String path, Object body) {
        return answer(exchange("PUT", url(path), body, null, null));
    }

    /** A request with its own {@code Authorization} (the App's JWT), for installation tokens. */
    Response send(String method, String path, @Nullable Object body, String authorizationHeader) {
        return answer(exchange(method, url(path), body, null, authorizationHeader));
    }

    private String url(String pathOrUrl) {
        return pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")
                ? pathOrUrl
                : properties.apiRoot() + pathOrUrl;
    }

    private HttpResponse<String> exchange(
            String method,
            String url,
            @Nullable Object body,
            @Nullable String etag,
            @Nullable String authorizationOverride) {
        state.checkNotPaused();
        String auth = authorizationOverride;
        if (auth == null) {
            if (authorization == null) {
                throw new IllegalStateException("The GitHub client has no credentials");
            }
            auth = authorization.get();
            // Fetching an installation token may itself have met a limit.
            state.checkNotPaused();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(properties.requestTimeout())
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "miyabi-platform")
                .header("Authorization", auth);
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            count(method, "io");
            throw new GitHubException(
                    method + " " + path(url) + ": no answer (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubException(method + " " + path(url) + ": interrupted", e);
        }
        count(method, (response.statusCode() / 100) + "xx");
        if (response.statusCode() == 401 && authorizationOverride == null) {
            unauthorized.run();
        }
        rateLimit(response).ifPresent(until -> {
            pauses.increment();
            log.warn(
                    "GitHub rate limit after {} {} ({}): the mirror pauses until {}",
                    method,
                    path(url),
                    response.statusCode(),
                    until);
            state.pause(until);
            if (response.statusCode() == 403 || response.statusCode() == 429) {
                throw new RateLimited(until);
            }
        });
        return response;
    }

    /** When the answer tells us to stop: the time to wait until. */
    private Optional<Instant> rateLimit(HttpResponse<String> response) {
        int status = response.statusCode();
        HttpHeaders headers = response.headers();
        Instant now = clock.instant();
        OptionalLong retryAfter = number(headers, "Retry-After");
        OptionalLong remaining = number(headers, "X-RateLimit-Remaining");
        OptionalLong reset = number(headers, "X-RateLimit-Reset");
        if (status == 403 || status == 429) {
            if (retryAfter.isPresent()) {
                return Optional.of(now.plusSeconds(Math.max(1, retryAfter.getAsLong())));
            }
            if (remaining.isPresent() && remaining.getAsLong() == 0 && reset.isPresent()) {
                return Optional.of(later(now, Instant.ofEpochSecond(reset.getAsLong())));
            }
            if (status == 429 || response.body().toLowerCase().contains("rate limit")) {
                return Optional.of(now.plus(SECONDARY_DEFAULT));
            }
            return Optional.empty();
        }
        if (status < 400 && remaining.isPresent() && remaining.getAsLong() == 0 && reset.isPresent()) {
            // The last request of the window succeeded; the next would fail.
            return Optional.of(later(now, Instant.ofEpochSecond(reset.getAsLong())));
        }
        return Optional.empty();
    }

    private static Instant later(Instant now, Instant reset) {
        return reset.isAfter(now) ? reset.plusSeconds(1) : now.plusSeconds(1);
    }

    private Response answer(HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode body = MissingNode.getInstance();
        String text = response.body();
        if (text != null && !text.isBlank()) {
            try {
                body = json.readTree(text);
            } catch (JacksonException e) {
                body = MissingNode.getInstance();
            }
        }
        if (status >= 300 && status != 304) {
            String message = body.path("message").asString("");
            throw new GitHubException(
                    status,
                    response.request().method() + " " + path(response.uri().toString()) + ": " + status
                            + (message.isEmpty() ? "" : " " + message) + errors(body));
        }
        String next = response.headers()
                .firstValue("Link")
                .map(NEXT::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .orElse(null);
        return new Response(status, body, next);
    }

    /** GitHub's {@code errors[].code} (e.g. {@code already_exists}), for the 422 cases. */
    private static String errors(JsonNode body) {
        StringBuilder codes = new StringBuilder();
        for (JsonNode error : body.path("errors")) {
            String code = error.path("code").asString("");
            if (!code.isEmpty()) {
                codes.append(codes.isEmpty() ? " (" : ", ").append(code);
            }
        }
        return codes.isEmpty() ? "" : codes.append(')').toString();
    }

    private String path(String url) {
        return url.startsWith(properties.apiRoot())
                ? url.substring(properties.apiRoot().length())
                : url;
    }

    private void count(String method, String outcome) {
        meters.counter("miyabi.github.requests", "method", method, "outcome", outcome)
                .increment();
        if (outcome.equals("io") || outcome.equals("4xx") || outcome.equals("5xx")) {
            meters.counter("miyabi.github.errors", "outcome", outcome).increment();
        }
    }

    private static OptionalLong number(HttpHeaders headers, String name) {
        Optional<String> value = headers.firstValue(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
