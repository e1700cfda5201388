package dev.miyabi.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP API as a client uses it: JSON bodies, bearer tokens, {@code Idempotency-Key}s. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** One answer: its status, {@code Content-Type}, {@code Retry-After} and JSON body (null when none). */
    record Answer(int status, String contentType, Optional<String> retryAfter, JsonNode body) {

        String text(String field) {
            JsonNode value = body == null ? null : body.get(field);
            return value == null || value.isNull() ? null : value.asString();
        }
    }

    record Session(String email, String token, UUID userId) {}

    private Api() {}

    static Answer call(String base, String method, String path, String token, String idempotencyKey, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        JsonNode json = text == null || text.isBlank() ? null : JSON.readTree(text);
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Retry-After"),
                json);
    }

    /** A call that must succeed with {@code expected}. */
    static JsonNode expect(int expected, String base, String method, String path, String token, Object body) {
        try {
            Answer answer = call(base, method, path, token, null, body);
            if (answer.status() != expected) {
                throw new IllegalStateException(
                        method + " " + path + " answered " + answer.status() + ": " + answer.body());
            }
            return answer.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Session register(String base, String email) {
        JsonNode session = expect(
                201,
                base,
                "POST",
                "/api/auth/register",
                null,
                Map.of("email", email, "password", "password of " + email, "name", email));
        return new Session(
                email,
                session.get("accessToken").asString(),
                UUID.fromString(session.get("user").get("id").asString()));
    }

    static Session admin(String base) {
        JsonNode session = expect(
                200,
                base,
                "POST",
                "/api/auth/login",
                null,
                Map.of("email", ServerProcess.ADMIN_EMAIL, "password", ServerProcess.ADMIN_PASSWORD));
        return new Session(
                ServerProcess.ADMIN_EMAIL,
                session.get("accessToken").asString(),
                UUID.fromString(session.get("user").get("id").asString()));
    }

    /** The id of the active demo product whose name contains {@code name}. */
    static UUID product(String base, String name) {
        JsonNode page = expect(200, base, "GET", "/api/products?size=100", null, null);
        for (JsonNode item : page.get("items")) {
            if (item.get("name").asString().contains(name)) {
                return UUID.fromString(item.get("id").asString());
            }
        }
        throw new IllegalStateException("No product named " + name);
    }

    /** The input of a course order: {@code hours} of lessons, one generation step per lesson and quiz. */
    static Map<String, Object> course(int hours, int number) {
        return Map.of(
                "topic",
                "Data analysis with pandas, part " + number,
                "targetAudience",
                "analysts",
                "difficulty",
                "beginner",
                "estimatedHours",
                hours,
                "learningObjectives",
                List.of("load data", "clean data", "report results"));
    }
}
