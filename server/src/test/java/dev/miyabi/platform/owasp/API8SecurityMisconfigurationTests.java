package dev.miyabi.platform.owasp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.SecondInstance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * API8:2023 Security Misconfiguration.
 *
 * <ul>
 *   <li>API answers, error answers and the web UI's pages carry {@code X-Content-Type-Options: nosniff}, {@code
 *       X-Frame-Options: DENY}, a {@code Content-Security-Policy} with {@code frame-ancestors 'none'} (the UI's
 *       without inline scripts) and {@code Referrer-Policy: no-referrer};
 *   <li>HSTS is sent when the request came over TLS through a proxy ({@code X-Forwarded-Proto: https}, honoured
 *       with {@code server.forward-headers-strategy=native} as every deployment sets it) and not over plain HTTP;
 *   <li>CORS answers only the configured origin, never {@code *}, also on actual (not preflight) requests;
 *   <li>errors carry no stack trace, exception name or server internals;
 *   <li>actuator endpoints other than health are closed to anonymous callers and customers, and the dangerous
 *       ones (env, beans, heapdump, threaddump, configprops, loggers, mappings, shutdown) are not exposed at
 *       all; {@code TRACE} is refused.
 * </ul>
 *
 * Covered elsewhere: {@link dev.miyabi.platform.shared.PlatformIntegrationTests#responsesCarrySecurityHeaders()},
 * {@link dev.miyabi.platform.shared.PlatformIntegrationTests#onlyConfiguredOriginsMayCallFromABrowser()}, {@link
 * dev.miyabi.platform.shared.PlatformIntegrationTests#otherActuatorEndpointsNeedAnAdmin()}, {@link
 * dev.miyabi.platform.shared.PlatformIntegrationTests#prometheusExposesHttpLatencyHistogramsToTheScraperTokenAndAdminsOnly()},
 * {@link dev.miyabi.platform.shared.WebUiIntegrationTests#theIndexPageRunsUnderAPolicyWithoutInlineScripts()},
 * {@link dev.miyabi.platform.shared.HttpErrorsIntegrationTests#whatTomcatRefusesBeforeTheApplicationIsAProblemToo()},
 * {@link dev.miyabi.platform.realtime.RealtimeWebSocketIntegrationTests#handshakesFromForeignBrowserOriginsAreRefused()}
 * and {@code shared.ApiSweepIntegrationTests} (no 5xx, every error a problem).
 */
class API8SecurityMisconfigurationTests extends OwaspFixtures {

    @Test
    void apiErrorAndUiAnswersCarryTheSecurityHeaders() {
        Session customer = register();
        List<Api.Response> answers = List.of(
                api.get("/api/products").send(),
                api.get("/api/auth/me").token(customer.accessToken()).send(),
                api.get("/api/orders/not-a-uuid").token(customer.accessToken()).send(),
                api.get("/api/state").send(),
                api.post("/api/auth/login").raw("application/json", "{").send(),
                api.get("/").header("Accept", "text/html").send(),
                api.get("/orders").header("Accept", "text/html").send());
        for (Api.Response answer : answers) {
            assertThat(answer.header("X-Content-Type-Options"))
                    .as(answer.toString())
                    .contains("nosniff");
            assertThat(answer.header("X-Frame-Options")).as(answer.toString()).contains("DENY");
            assertThat(answer.header("Referrer-Policy")).as(answer.toString()).contains("no-referrer");
            assertThat(answer.header("Content-Security-Policy"))
                    .as(answer.toString())
                    .hasValueSatisfying(csp -> assertThat(csp)
                            .contains("frame-ancestors 'none'")
                            .contains("object-src 'none'")
                            .doesNotContain("'unsafe-eval'")
                            .doesNotContain("script-src 'self' 'unsafe-inline'"));
            assertThat(answer.header("Strict-Transport-Security"))
                    .as("HSTS over plain HTTP")
                    .isEmpty();
            assertThat(answer.header("Server")).as("no server banner").isEmpty();
            assertThat(answer.header("X-Powered-By")).isEmpty();
        }
        assertThat(answers.get(5).contentType()).startsWith("text/html");
    }

    @Test
    void behindATlsProxyAnswersAskBrowsersForHttpsOnly() {
        ConfigurableApplicationContext proxied = SecondInstance.start("--server.forward-headers-strategy=native");
        try {
            Api behindProxy = new Api(SecondInstance.port(proxied));
            Api.Response overTls = behindProxy
                    .get("/api/products")
                    .header("X-Forwarded-Proto", "https")
                    .header("X-Forwarded-For", "203.0.113.7")
                    .send();
            assertThat(overTls.status()).isEqualTo(200);
            assertThat(overTls.header("Strict-Transport-Security"))
                    .hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age="));
            assertThat(behindProxy.get("/api/products").send().header("Strict-Transport-Security"))
                    .isEmpty();
        } finally {
            proxied.close();
        }
    }

    @Test
    void corsAnswersOnlyTheConfiguredOriginAndNeverAWildcard() {
        Api.Response foreign = api.get("/api/products")
                .header("Origin", "https://evil.example.test")
                .send();
        assertThat(foreign.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(foreign.header("Access-Control-Allow-Credentials")).isEmpty();

        Api.Response configured = api.get("/api/products")
                .header("Origin", "https://app.example.test")
                .send();
        assertThat(configured.header("Access-Control-Allow-Origin")).contains("https://app.example.test");

        Api.Response nullOrigin = api.raw("OPTIONS", "/api/orders")
                .header("Origin", "null")
                .header("Access-Control-Request-Method", "POST")
                .send();
        assertThat(nullOrigin.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void errorsRevealNoStackTracesOrInternals() {
        Session customer = register();
        List<Api.Response> errors = List.of(
                api.post("/api/auth/login")
                        .raw("application/json", "{\"email\": [1, {\"x\": ")
                        .send(),
                api.post("/api/orders")
                        .token(customer.accessToken())
                        .raw("application/json", "{\"productId\": \"x\", \"quantity\": 1e400}")
                        .send(),
                api.get("/api/orders?page=abc").token(customer.accessToken()).send(),
                api.get("/api/products/%00").send(),
                api.get("/api/products?sort=password,desc").send(),
                api.get("/api/products?sort=name%3BDROP%20TABLE%20products").send(),
                api.post("/api/products").raw("application/xml", "<product/>").send(),
                api.get("/api/orders/" + "9".repeat(40))
                        .token(customer.accessToken())
                        .send());
        for (Api.Response error : errors) {
            assertThat(error.status()).as(error.toString()).isBetween(400, 499);
            assertThat(error.contentType()).as(error.toString()).startsWith("application/problem+json");
            assertThat(error.body())
                    .as(error.toString())
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ")
                    .doesNotContain("dev.miyabi")
                    .doesNotContain("org.springframework")
                    .doesNotContain("SQL")
                    .doesNotContain("trace")
                    .doesNotContain("Tomcat");
        }
    }

    @Test
    void actuatorEndpointsAreClosedAndTheDangerousOnesAbsent() {
        Session customer = register();
        Session admin = adminSession();
        for (String endpoint : List.of("metrics", "info", "prometheus")) {
            assertThat(api.get("/actuator/" + endpoint).send().status())
                    .as(endpoint)
                    .isEqualTo(401);
            assertThat(api.get("/actuator/" + endpoint)
                            .token(customer.accessToken())
                            .send()
                            .status())
                    .as(endpoint)
                    .isEqualTo(403);
        }
        for (String endpoint : List.of(
                "env",
                "beans",
                "heapdump",
                "threaddump",
                "configprops",
                "loggers",
                "mappings",
                "caches",
                "scheduledtasks",
                "conditions",
                "sbom",
                "flyway",
                "logfile")) {
            assertThat(api.get("/actuator/" + endpoint).send().status())
                    .as(endpoint)
                    .isEqualTo(401);
            assertThat(api.get("/actuator/" + endpoint)
                            .token(admin.accessToken())
                            .send()
                            .status())
                    .as(endpoint + " for an admin")
                    .isEqualTo(404);
        }
        assertThat(api.post("/actuator/shutdown")
                        .token(admin.accessToken())
                        .json(Map.of())
                        .send()
                        .status())
                .isIn(404, 405);
        Api.Response health = api.get("/actuator/health").send();
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body())
                .doesNotContain("components")
                .doesNotContain("jdbc")
                .doesNotContain("postgres");
    }

    @Test
    void traceIsRefused() {
        Session customer = register();
        Api.Response trace =
                api.raw("TRACE", "/api/auth/me").token(customer.accessToken()).send();
        assertThat(trace.status()).isEqualTo(405);
        assertThat(trace.body()).doesNotContain(customer.accessToken());
    }
}
