package dev.miyabi.platform.support;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** Checks that an answer is an RFC 9457 problem with the contract's code. */
public final class ProblemAssertions {

    private ProblemAssertions() {}

    public static JsonNode assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("code").asString()).isEqualTo(code);
        assertThat(body.path("type").asString()).isNotBlank();
        assertThat(body.path("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("<html");
        return body;
    }
}
