package dev.miyabi.platform.shared;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** Operability: health probes, metrics, the API document, security headers and CORS. */
class PlatformIntegrationTests extends IntegrationTest {

    @Test
    void healthAndItsProbesAreUp() {
        assertThat(api.get("/actuator/health").send().text("status")).isEqualTo("UP");
        assertThat(api.get("/actuator/health/liveness").send().text("status")).isEqualTo("UP");
        assertThat(api.get("/actuator/health/readiness").send().text("status")).isEqualTo("UP");
    }

    @Test
    void prometheusExposesHttpLatencyHistogramsToTheScraperTokenAndAdminsOnly() {
        api.get("/actuator/health").send();

        assertProblem(api.get("/actuator/prometheus").send(), 401, "unauthorized");
        assertProblem(api.get("/actuator/prometheus").token("not-the-token").send(), 401, "unauthorized");
        assertProblem(
                api.get("/actuator/prometheus").token(register().accessToken()).send(), 403, "forbidden");
        assertThat(api.get("/actuator/prometheus")
                        .token(admin().accessToken())
                        .send()
                        .status())
                .isEqualTo(200);
        // The scraper's token opens the metrics and nothing else.
        assertProblem(api.get("/api/auth/me").token(METRICS_TOKEN).send(), 401, "unauthorized");
        assertProblem(api.get("/actuator/metrics").token(METRICS_TOKEN).send(), 401, "unauthorized");

        Api.Response metrics =
                api.get("/actuator/prometheus").token(METRICS_TOKEN).send();

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("http_server_requests_seconds_bucket")
                .contains("jvm_threads_live_threads");
    }

    @Test
    void otherActuatorEndpointsNeedAnAdmin() {
        assertThat(api.get("/actuator/metrics").send().status()).isEqualTo(401);
        assertThat(api.get("/actuator/metrics")
                        .token(register().accessToken())
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/actuator/metrics")
                        .token(admin().accessToken())
                        .send()
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theOpenApiDocumentDescribesTheAuthApi() {
        Api.Response document = api.get("/v3/api-docs").send();

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().path("info").path("title").asString()).isEqualTo("Miyabi Business Platform API");
        assertThat(document.json().path("paths").has("/api/auth/login")).isTrue();
        assertThat(document.json().path("paths").has("/api/admin/users/{id}/roles"))
                .isTrue();
        assertThat(api.get("/swagger-ui.html").send().status()).isIn(200, 302);
    }

    @Test
    void responsesCarrySecurityHeaders() {
        Api.Response response = api.get("/actuator/health").send();

        assertThat(response.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.header("X-Frame-Options")).contains("DENY");
        assertThat(response.header("Content-Security-Policy"))
                .hasValueSatisfying(
                        csp -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(response.header("Referrer-Policy")).contains("no-referrer");
    }

    @Test
    void onlyConfiguredOriginsMayCallFromABrowser() {
        Api.Response allowed = api.raw("OPTIONS", "/api/auth/login")
                .header("Origin", "https://app.example.test")
                .header("Access-Control-Request-Method", "POST")
                .send();
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).contains("https://app.example.test");

        Api.Response refused = api.raw("OPTIONS", "/api/auth/login")
                .header("Origin", "https://evil.example.test")
                .header("Access-Control-Request-Method", "POST")
                .send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Access-Control-Allow-Origin")).isEmpty();
    }
}
