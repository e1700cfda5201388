package dev.miyabi.platform.shared;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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
    void aValueOfTheWrongJsonTypeIsMalformedAndATextNamingNoValueIsAFieldError() {
        assertProblem(
                api.post("/api/auth/login")
                        .raw("application/json", "{\"email\": [1], \"password\": {}}")
                        .send(),
                400,
                "malformed_request");
        Session admin = admin();
        JsonNode text = assertProblem(
                api.post("/api/products")
                        .token(admin.accessToken())
                        .raw(
                                "application/json",
                                "{\"name\": \"Typed\", \"price\": {\"amount\": \"1.00\", \"currency\": \"USD\"},"
                                        + " \"category\": \"no_such_category\"}")
                        .send(),
                400,
                "validation_failed");
        assertThat(text.path("errors").findValuesAsString("field")).containsExactly("category");
        assertThat(text.path("errors").findValuesAsString("message"))
                .allMatch(message -> message.contains("ai_course_generation"));
        Session customer = register();
        JsonNode uuid = assertProblem(
                api.post("/api/orders")
                        .token(customer.accessToken())
                        .raw("application/json", "{\"productId\": \"not-a-uuid\", \"quantity\": 1}")
                        .send(),
                400,
                "validation_failed");
        assertThat(uuid.path("errors").findValuesAsString("field")).containsExactly("productId");
        assertThat(uuid.path("errors").findValuesAsString("message")).containsExactly("must be a UUID");
        assertProblem(
                api.post("/api/orders")
                        .token(customer.accessToken())
                        .raw(
                                "application/json",
                                "{\"productId\": \"" + UUID.randomUUID() + "\", \"quantity\": \"lots\"}")
                        .send(),
                400,
                "malformed_request");
    }

    @Test
    void aQueryParameterOfTheWrongTypeSaysWhatItMustBe() {
        String token = register().accessToken();
        JsonNode uuid =
                assertProblem(api.get("/api/orders?userId=nope").token(token).send(), 400, "validation_failed");
        assertThat(uuid.path("errors").findValuesAsString("field")).containsExactly("userId");
        assertThat(uuid.path("errors").findValuesAsString("message")).containsExactly("must be a UUID");
        JsonNode status =
                assertProblem(api.get("/api/approvals?status=done").token(token).send(), 400, "validation_failed");
        assertThat(status.path("errors").findValuesAsString("field")).containsExactly("status");
        assertThat(status.path("errors").findValuesAsString("message"))
                .containsExactly("must be one of pending, approved, rejected, changes_requested, expired, cancelled");
        assertThat(api.get("/api/orders?status=&size=1").token(token).send().status())
                .isEqualTo(200);
        assertThat(api.get("/api/orders?status=awaiting_approval")
                        .token(token)
                        .send()
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aBodyThatIsNotAnObjectIsMalformed() {
        assertProblem(api.post("/api/auth/login").raw("application/json", "[1]").send(), 400, "malformed_request");
        assertProblem(
                api.post("/api/auth/login").raw("application/json", "\"x\"").send(), 400, "malformed_request");
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

    @Test
    void aValueOfAnotherJsonTypeIsRefusedNotConverted() {
        String admin = admin().accessToken();
        // Neither quoted into text, nor rounded into an integer, nor read as a boolean.
        for (String body : List.of(
                "{\"name\": 123, \"appliesTo\": {\"resourceType\": \"order\"}, \"stages\": []}",
                "{\"name\": \"Policy\", \"priority\": 1.5}",
                "{\"name\": \"Policy\", \"active\": 1}",
                "{\"name\": \"Policy\", \"priority\": \"12\"}",
                "{\"name\": \"Policy\", \"stages\": [{\"name\": \"S\", \"timeoutHours\": true}]}")) {
            assertProblem(
                    api.post("/api/approval-policies")
                            .token(admin)
                            .raw("application/json", body)
                            .send(),
                    400,
                    "malformed_request");
        }
    }

    @Test
    void aPriceMayStillBeSentAsAJsonNumber() {
        Api.Response created = api.post("/api/products")
                .token(admin().accessToken())
                .raw(
                        "application/json",
                        "{\"name\": \"Numbered\", \"price\": {\"amount\": 49.90, \"currency\": \"USD\"},"
                                + " \"category\": \"technical_support\"}")
                .send();

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("price").path("amount").asString()).isEqualTo("49.90");
    }

    @Test
    void theNulCharacterIsRefusedWhereverItIsSent() {
        JsonNode inBody = assertProblem(
                api.post("/api/auth/register")
                        .raw(
                                "application/json",
                                "{\"email\": \"nul@example.test\", \"password\": \"long enough\", \"name\": \"a\\u0000b\"}")
                        .send(),
                400,
                "validation_failed");
        assertThat(inBody.path("errors").findValuesAsString("field")).containsExactly("name");
        Session user = register();
        JsonNode deep = assertProblem(
                api.post("/api/orders")
                        .token(user.accessToken())
                        .raw(
                                "application/json",
                                "{\"productId\": \"" + UUID.randomUUID()
                                        + "\", \"input\": {\"notes\": [\"ok\", \"a\\u0000\"]}}")
                        .send(),
                400,
                "validation_failed");
        assertThat(deep.path("errors").findValuesAsString("field")).containsExactly("input.notes[1]");
        JsonNode inQuery = assertProblem(
                api.get("/api/ai/jobs?type=a%00b").token(user.accessToken()).send(), 400, "validation_failed");
        assertThat(inQuery.path("errors").findValuesAsString("field")).containsExactly("type");
    }

    @Test
    void aChangeWhoseCallerAcceptsNoJsonIsRefusedBeforeItIsMade() {
        String name = "Unacceptable " + UUID.randomUUID();

        Api.Response response = api.post("/api/products")
                .token(admin().accessToken())
                .header("Accept", "application/xml")
                .json(Map.of(
                        "name",
                        name,
                        "price",
                        Map.of("amount", "10.00", "currency", "USD"),
                        "category",
                        "technical_support"))
                .send();

        assertProblem(response, 406, "not_acceptable");
        assertThat(jdbc.sql("SELECT count(*) FROM products WHERE name = :name")
                        .param("name", name)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void whatTomcatRefusesBeforeTheApplicationIsAProblemToo() {
        assertProblem(api.get("/api/products/%00").send(), 400, "malformed_request");
        assertProblem(api.get("/api/products/%FF%FE").send(), 400, "malformed_request");
        assertProblem(api.get("/api/products?sort=" + "x".repeat(10_000)).send(), 400, "malformed_request");
        assertProblem(api.get("/api/products?q=%FF%FE").send(), 400, "malformed_request");
    }
}
