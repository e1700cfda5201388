package dev.miyabi.platform.shared;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.IntegrationTest;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ClassPathResource;

/**
 * The server serves the web UI: the index page for browser navigations to client-side routes,
 * cacheable assets, and a CSP the built UI runs under — while API and infrastructure paths keep
 * answering as the API does.
 */
class WebUiIntegrationTests extends IntegrationTest {

    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    @ParameterizedTest
    @ValueSource(
            strings = {"/", "/catalog", "/orders/123", "/admin/users", "/products/9b2f0e4c-0000-4000-8000-000000000000"
            })
    void aBrowserNavigationGetsTheIndexPage(String path) {
        Api.Response response = api.get(path).header("Accept", BROWSER_ACCEPT).send();

        assertThat(response.status()).as(path).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body()).contains("<div id=\"root\">");
        assertThat(response.header("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-cache"));
    }

    @Test
    void theIndexPageRunsUnderAPolicyWithoutInlineScripts() {
        Api.Response response =
                api.get("/orders/123").header("Accept", BROWSER_ACCEPT).send();

        assertThat(response.header("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("default-src 'self'")
                        .contains("script-src 'self'")
                        .doesNotContain("script-src 'self' 'unsafe-inline'")
                        .contains("frame-ancestors 'none'"));
        assertThat(response.header("X-Frame-Options")).contains("DENY");
    }

    @Test
    void aClientRouteFetchedAsDataIsNotFound() {
        assertProblem(
                api.get("/orders/123").header("Accept", "application/json").send(), 404, "not_found");
        assertProblem(api.get("/orders/123").header("Accept", "*/*").send(), 404, "not_found");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/assets/missing-file.js",
                "/favicon-missing.ico",
                "/v3/no-such-doc",
                "/ws/nothing",
                "/.well-known/nothing",
                "/swagger-ui/missing"
            })
    void serverPathsAndMissingFilesAreNeverTheIndexPage(String path) {
        Api.Response response = api.get(path).header("Accept", BROWSER_ACCEPT).send();

        assertThat(response.status()).as(path).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("<div id=\"root\">");
    }

    @Test
    void anAdminOnlyServerPathStaysProtectedForABrowser() {
        assertProblem(
                api.get("/actuator/metrics").header("Accept", BROWSER_ACCEPT).send(), 401, "unauthorized");
    }

    @Test
    void onlyReadsAreAnsweredWithTheIndexPage() {
        Api.Response response = api.post("/orders/123")
                .header("Accept", BROWSER_ACCEPT)
                .raw("application/json", "{}")
                .send();

        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.body()).doesNotContain("<div id=\"root\">");
    }

    @Test
    void hashedAssetsAreCachedForAYear() {
        Api.Response asset = api.get("/assets/index-test.js").send();

        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.contentType()).contains("javascript");
        assertThat(asset.header("Cache-Control"))
                .hasValueSatisfying(
                        value -> assertThat(value).contains("max-age=31536000").contains("immutable"));
    }

    @Test
    void assetsGoBrotliCompressedToBrowsersThatAcceptIt() throws IOException {
        String path = "META-INF/resources/assets/index-test.js";
        byte[] plain = new ClassPathResource(path).getContentAsByteArray();
        byte[] brotli = new ClassPathResource(path + ".br").getContentAsByteArray();

        // Chromium's header: gzip is named first, yet the prebuilt Brotli copy is the one served.
        Api.BinaryResponse br = api.get("/assets/index-test.js")
                .header("Accept-Encoding", "gzip, deflate, br, zstd")
                .sendForBytes();

        assertThat(br.status()).isEqualTo(200);
        assertThat(br.header("Content-Encoding")).contains("br");
        assertThat(br.headers().allValues("Vary"))
                .anySatisfy(vary -> assertThat(vary).contains("Accept-Encoding"));
        assertThat(br.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        assertThat(br.header("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("immutable"));
        assertThat(br.body()).isEqualTo(brotli);

        // Without Brotli the file itself (server.compression gzips it from 1 KB on).
        for (String accept : new String[] {"gzip", "identity"}) {
            Api.BinaryResponse other = api.get("/assets/index-test.js")
                    .header("Accept-Encoding", accept)
                    .sendForBytes();
            assertThat(other.header("Content-Encoding")).as(accept).isEmpty();
            assertThat(other.body()).as(accept).isEqualTo(plain);
        }
    }
}
