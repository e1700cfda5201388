package dev.miyabi.platform.owasp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.miyabi.platform.support.Api;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * API7:2023 Server Side Request Forgery. The server fetches from three places only, all set in its configuration
 * by the operator and none by a client: the LLM providers' base URLs, Stripe's API and GitHub's API.
 *
 * <ul>
 *   <li>no request body, parameter or header of {@code /v3/api-docs} (read at run time) takes a URL, host or
 *       callback;
 *   <li>URLs planted everywhere a client can write text — order notes, a generation request (Markdown images and
 *       links, HTML tags), a profile name, a product's description, library uploads (HTML {@code img}, {@code
 *       link}, {@code iframe}, {@code script}, {@code object}; Markdown images), search queries and questions,
 *       proxy headers — are never fetched: not when stored, indexed, generated from, nor when the job's result is
 *       exported as Markdown, HTML or PDF (the PDF renderer loads nothing remote).
 * </ul>
 *
 * Covered elsewhere: the export's HTML escaping and CSP in {@code generation.internal.ExportsTests}; the
 * configured base URLs in {@link dev.miyabi.platform.llm.LlmGatewayIntegrationTests#pricesAndDefaultsAreBoundFromTheConfiguration()},
 * {@code payments.internal.StripeProviderIntegrationTests} and {@link dev.miyabi.platform.github.GitHubMirrorIntegrationTests};
 * inbound webhooks (GitHub, Stripe) carry no URL the server follows: {@link
 * dev.miyabi.platform.github.GitHubMirrorIntegrationTests#aWebhookWithABadOrMissingSignatureIsRefusedAndChangesNothing()}.
 */
class API7ServerSideRequestForgeryTests extends OwaspFixtures {

    private static final Pattern URL_LIKE =
            Pattern.compile("(?i).*(url|uri|href|link|callback|webhook|endpoint|host|redirect|origin|fetch|import).*");

    @Test
    void noOperationTakesAUrlFromItsCaller() {
        JsonNode document = apiDocument();
        Set<String> names = new TreeSet<>();
        for (Operation operation : operations()) {
            operation
                    .spec()
                    .path("parameters")
                    .forEach(p -> names.add(operation + " " + p.path("in").asString() + " "
                            + p.path("name").asString()));
            operation
                    .spec()
                    .path("requestBody")
                    .path("content")
                    .properties()
                    .forEach(content -> collect(
                            document, content.getValue().path("schema"), operation + " body", names, new TreeSet<>()));
        }
        List<String> urlLike = names.stream()
                .filter(name -> URL_LIKE.matcher(name.substring(name.lastIndexOf(' ') + 1))
                        .matches())
                .toList();
        assertThat(names).hasSizeGreaterThan(50);
        assertThat(urlLike).as("inputs that look like URLs").isEmpty();
    }

    @Test
    void urlsPlantedInClientTextAreNeverFetched() throws IOException {
        List<String> hits = new CopyOnWriteArrayList<>();
        HttpServer canary = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        canary.createContext("/", exchange -> {
            hits.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        canary.start();
        try {
            String url = "http://127.0.0.1:" + canary.getAddress().getPort();
            String markdown = "![pixel](" + url + "/md-image.png) [link](" + url + "/md-link) <img src=\"" + url
                    + "/html-img\"> <link rel=stylesheet href=\"" + url + "/css\"> " + url + "/bare";
            plantEverywhere(url, markdown);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(hits::isEmpty);
            assertThat(hits)
                    .as("requests the server made to a URL a client wrote")
                    .isEmpty();
        } finally {
            canary.stop(0);
        }
    }

    private void plantEverywhere(String url, String markdown) {
        Session customer = register();
        grantSearchPlan(customer);
        assertThat(api.patch("/api/auth/me")
                        .token(customer.accessToken())
                        .json(Map.of("name", markdown.substring(0, 100)))
                        .send()
                        .status())
                .isIn(200, 400);
        assertThat(placeOrder(customer, createProduct("10.00", "USD", "technical_support"), 1, markdown)
                        .status())
                .isEqualTo(201);
        Map<String, Object> product = new LinkedHashMap<>(product());
        product.put("description", markdown);
        product.remove("version");
        assertThat(api.post("/api/products")
                        .token(adminSession().accessToken())
                        .json(product)
                        .send()
                        .status())
                .isEqualTo(201);

        Map<String, Object> input = new LinkedHashMap<>();
        input.put("documentType", "report");
        input.put("title", "Report ![x](" + url + "/title.png)");
        input.put("audience", "Readers of ![x](" + url + "/audience.png)");
        input.put("dataPoints", Map.of("source", url + "/data", "image", "![x](" + url + "/data.png)"));
        Api.Response job = api.post("/api/ai/jobs")
                .token(customer.accessToken())
                .json(Map.of("type", "document_generation", "input", input))
                .send();
        assertThat(job.status()).as(job.toString()).isEqualTo(202);
        String jobId = job.text("id");

        String html = "<html><head><title>Planted</title><link rel=stylesheet href=\"" + url + "/up-css\">"
                + "<script src=\"" + url + "/up-js\"></script></head><body><h1>Planted page</h1>"
                + "<img src=\"" + url + "/up-img\"><iframe src=\"" + url + "/up-frame\"></iframe>"
                + "<object data=\"" + url + "/up-object\"></object><p>Text about planted canaries.</p></body></html>";
        for (Object[] file : List.of(
                new Object[] {"planted.html", "text/html", html},
                new Object[] {"planted.md", "text/markdown", "# Planted notes\n\n" + markdown + "\n"})) {
            Api.Response upload = api.post("/api/search/uploads")
                    .token(customer.accessToken())
                    .multipart(
                            "file",
                            (String) file[0],
                            (String) file[1],
                            ((String) file[2]).getBytes(StandardCharsets.UTF_8))
                    .send();
            assertThat(upload.status()).as(upload.toString()).isEqualTo(201);
        }
        assertThat(api.get("/api/search?q=" + java.net.URLEncoder.encode(url + "/q", StandardCharsets.UTF_8))
                        .token(customer.accessToken())
                        .header("X-Forwarded-Host", "127.0.0.1:" + url.substring(url.lastIndexOf(':') + 1))
                        .header("Referer", url + "/referer")
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/search/answers")
                        .token(customer.accessToken())
                        .json(Map.of("question", "What is at " + url + "/question ?"))
                        .send()
                        .status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/api/ai/jobs/" + jobId)
                        .token(customer.accessToken())
                        .send()
                        .json()
                        .path("status")
                        .asString()
                        .equals("completed"));
        for (String format : List.of("json", "markdown", "html", "pdf")) {
            Api.BinaryResponse result = api.get("/api/ai/jobs/" + jobId + "/result?format=" + format)
                    .token(customer.accessToken())
                    .sendForBytes();
            assertThat(result.status()).as(format).isEqualTo(200);
        }
    }

    /** The names of a schema's properties, $refs resolved, as "where name". */
    private static void collect(JsonNode document, JsonNode schema, String where, Set<String> names, Set<String> seen) {
        if (!schema.isObject()) {
            return;
        }
        String ref = schema.path("$ref").asString("");
        if (!ref.isEmpty()) {
            if (!seen.add(ref)) {
                return;
            }
            collect(document, document.at(ref.substring(1)), where, names, seen);
            return;
        }
        schema.path("properties").properties().forEach(property -> {
            names.add(where + " " + property.getKey());
            collect(document, property.getValue(), where + "." + property.getKey(), names, seen);
        });
        collect(document, schema.path("items"), where, names, seen);
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            schema.path(combinator).forEach(part -> collect(document, part, where, names, seen));
        }
        if (schema.path("additionalProperties").isObject()) {
            collect(document, schema.path("additionalProperties"), where, names, seen);
        }
    }
}
