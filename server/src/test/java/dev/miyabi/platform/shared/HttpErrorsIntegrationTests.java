package dev.miyabi.platform.shared;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whatever a client gets wrong, the answer is a problem+json 4xx — never a 500, never HTML. */
class HttpErrorsIntegrationTests extends IntegrationTest {

    @Test
    void malformedJsonIsABadRequest() {
        assertProblem(
                api.post("/api/auth/login")
                        .raw("application/json", "{\"email\": ")
                        .send(),
                400,
                "malformed_request");
    }

    @Test
    void aValueOfTheWrongTypeIsABadRequest() {
        assertProblem(
                api.post("/api/auth/login")
                        .raw("application/json", "{\"email\": [1], \"password\": {}}")
                        .send(),
                400,
                "malformed_request");
    }

    @Test
    void aMissingBodyIsABadRequest() {
        assertProblem(api.post("/api/auth/login").raw("application/json", "").send(), 400, "malformed_request");
    }

    @Test
    void aWrongContentTypeIsUnsupported() {
        assertProblem(
                api.post("/api/auth/login")
                        .raw("text/plain", "email=a&password=b")
                        .send(),
                415,
                "unsupported_media_type");
        assertProblem(
                api.post("/api/auth/login")
                        .raw("application/x-www-form-urlencoded", "email=a&password=b")
                        .send(),
                415,
                "unsupported_media_type");
    }

    @Test
    void aTwoMegabyteBodyIsTooLarge() {
        String big = "{\"email\": \"" + "a".repeat(2 * 1024 * 1024) + "\", \"password\": \"x\"}";

        assertProblem(api.post("/api/auth/login").raw("application/json", big).send(), 413, "payload_too_large");
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimit() {
        byte[] big = ("{\"email\": \"" + "a".repeat(2 * 1024 * 1024) + "\", \"password\": \"x\"}")
                .getBytes(StandardCharsets.UTF_8);

        assertProblem(
                api.post("/api/auth/login").chunked("application/json", big).send(), 413, "payload_too_large");
    }

    @Test
    void aBodyJustUnderTheLimitIsRead() {
        String fits = "{\"email\": \"" + "a".repeat(1024 * 1024 - 100) + "\", \"password\": \"x\"}";

        assertProblem(api.post("/api/auth/login").raw("application/json", fits).send(), 400, "validation_failed");
    }

    @Test
    void anUnknownRouteIsNotFound() {
        Session user = register();

        assertProblem(api.get("/api/no-such-thing").token(user.accessToken()).send(), 404, "not_found");
        assertProblem(api.get("/no-such-page").send(), 404, "not_found");
    }

    @Test
    void anUnknownApiRouteIsAProblemEvenForABrowser() {
        Session user = register();

        Api.Response response = api.get("/api/no-such-thing")
                .token(user.accessToken())
                .header("Accept", "text/html")
                .send();

        assertProblem(response, 404, "not_found");
    }

    @Test
    void aClientRouteGivesABrowserTheIndexPage() {
        Api.Response response =
                api.get("/orders/123").header("Accept", "text/html").send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body()).contains("<div id=\"root\">");
    }

    @Test
    void anUnauthenticatedApiCallIsUnauthorized() {
        assertProblem(api.get("/api/no-such-thing").send(), 401, "unauthorized");
    }

    @Test
    void aWrongMethodIsNotAllowed() {
        Api.Response response = api.delete("/api/auth/login").send();

        assertProblem(response, 405, "method_not_allowed");
        assertThat(response.header("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
    }

    @Test
    void aMalformedPathVariableIsAValidationError() {
        Api.Response response = api.put("/api/admin/users/not-a-uuid/roles")
                .token(admin().accessToken())
                .json(Map.of("roles", java.util.List.of("approver")))
                .send();

        assertProblem(response, 400, "validation_failed");
    }
}
