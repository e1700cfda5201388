package dev.miyabi.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * web/vercel.json: the UI's static build on Vercel, calling the API on its own origin ({@code
 * VITE_API_ORIGIN} at build time, {@code MIYABI_CORS_ALLOWED_ORIGINS} on the server) for HTTP and
 * {@code /ws} alike, so nothing of the API is proxied through Vercel (which reserves {@code
 * /.well-known} and would add a hop to every call): a rewrite of {@code /api}, {@code /ws} or {@code
 * /.well-known} here would be a second, half-working path.
 */
class VercelConfigTests {

    private final JsonNode vercel = read("web/vercel.json");
    private final JsonNode packageJson = read("web/package.json");

    @Test
    void shouldBuildTheUiWithItsOwnScriptsIntoViteOutputDirectory() {
        assertThat(vercel.path("buildCommand").asText()).isEqualTo("npm run build");
        assertThat(packageJson.path("scripts").has("build")).isTrue();
        assertThat(vercel.path("installCommand").asText()).startsWith("npm ci");
        assertThat(vercel.path("outputDirectory").asText()).isEqualTo("dist");
        assertThat(Repository.read("web/vite.config.ts")).contains("outDir: 'dist'");
    }

    @Test
    void shouldFallBackToTheSpaAndProxyNothingOfTheApi() {
        assertThat(vercel.path("rewrites"))
                .anySatisfy(rewrite -> {
                    assertThat(rewrite.path("source").asText()).isEqualTo("/(.*)");
                    assertThat(rewrite.path("destination").asText()).isEqualTo("/index.html");
                })
                .noneSatisfy(
                        rewrite -> assertThat(rewrite.path("source").asText()).matches("/(api|ws|\\.well-known).*"));
    }

    @Test
    void shouldSendTheServersSecurityHeadersAndAllowTheApiOrigin() {
        JsonNode headers = vercel.path("headers").get(1).path("headers");
        assertThat(headers).anySatisfy(header -> {
            assertThat(header.path("key").asText()).isEqualTo("Content-Security-Policy");
            assertThat(header.path("value").asText())
                    .contains("script-src 'self'")
                    .contains("frame-ancestors 'none'")
                    .contains("connect-src 'self' https: wss:");
        });
        assertThat(headers)
                .anySatisfy(header -> assertThat(header.path("key").asText()).isEqualTo("X-Frame-Options"));
        assertThat(Repository.read("web/src/lib/api-origin.ts")).contains("import.meta.env.VITE_API_ORIGIN");
    }

    private static JsonNode read(String relative) {
        try {
            return new ObjectMapper().readTree(Repository.read(relative));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
