package dev.miyabi.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * What a run needs before its virtual users start, done once through the admin API as an operator would:
 * a catalog of {@code products} products (created over the API, so search indexes them; the run waits until
 * every passage has its vector), approver accounts (registered, then given the role by the admin), and the
 * products the journey orders.
 */
final class Setup {

    static final BigDecimal APPROVAL_THRESHOLD = new BigDecimal("1000");
    /** From 10 000 the default policy adds an admin stage; the journey's approvers are approvers only. */
    static final BigDecimal ADMIN_STAGE_THRESHOLD = new BigDecimal("10000");

    /** Words that the demo catalog's names or descriptions hold (the seeded products use them too). */
    static final List<String> SEARCH_TERMS = List.of(
            "proposal", "report", "cloud", "python", "contract", "workshop", "search", "support", "data", "course");

    private static final List<String> CATEGORIES = List.of(
            "ai_course_generation",
            "ai_document_generation",
            "ai_search_service",
            "business_consulting",
            "technical_support");

    record Account(String email, String password) {}

    record Product(String id, String category, BigDecimal price) {
        boolean needsApproval() {
            return price.compareTo(APPROVAL_THRESHOLD) >= 0;
        }
    }

    /** What the simulations read: the journey's products (split by approval) and ids for reads by id. */
    record Prepared(List<Account> approvers, List<Product> direct, List<Product> approval, List<String> productIds) {}

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final LoadSettings settings;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private String adminToken;

    Setup(LoadSettings settings) {
        this.settings = settings;
    }

    Prepared prepare(int approverCount) {
        adminToken = login(new Account(settings.adminEmail(), settings.adminPassword()));
        seedCatalog();
        awaitSearchIndex();
        List<Account> approvers = new ArrayList<>();
        for (int i = 0; i < approverCount; i++) {
            approvers.add(approver(i));
        }
        List<Product> direct = new ArrayList<>();
        List<Product> approval = new ArrayList<>();
        for (String category : settings.orderCategories()) {
            for (JsonNode item :
                    get("/api/products?size=100&category=" + category, null).path("items")) {
                Product product = new Product(
                        item.path("id").asText(),
                        category,
                        new BigDecimal(item.path("price").path("amount").asText()));
                if (!product.needsApproval()) {
                    direct.add(product);
                } else if (product.price().compareTo(ADMIN_STAGE_THRESHOLD) < 0) {
                    approval.add(product);
                }
            }
        }
        if (direct.isEmpty() || approval.isEmpty()) {
            throw new IllegalStateException("The catalog needs active AI course or document products both below "
                    + "and from 1 000 (below 10 000); load/run.sh starts the server with the demo catalog");
        }
        List<String> ids = new ArrayList<>();
        for (int page = 0; page < 20; page++) {
            JsonNode items = get("/api/products?size=100&page=" + page, null).path("items");
            items.forEach(item -> ids.add(item.path("id").asText()));
            if (items.size() < 100) {
                break;
            }
        }
        return new Prepared(List.copyOf(approvers), List.copyOf(direct), List.copyOf(approval), List.copyOf(ids));
    }

    /** Adds generated products over the admin API until the catalog holds {@code products} of them. */
    private void seedCatalog() {
        long existing = get("/api/products?size=1", null).path("total").asLong();
        Random random = new Random(42);
        for (long i = existing; i < settings.products(); i++) {
            String term = SEARCH_TERMS.get((int) (i % SEARCH_TERMS.size()));
            String other = SEARCH_TERMS.get(random.nextInt(SEARCH_TERMS.size()));
            ObjectNode product = json.createObjectNode()
                    .put("name", "Load " + capitalized(term) + " package " + i)
                    .put(
                            "description",
                            "A generated " + term + " offer for teams working on " + other
                                    + ", created by the load test's setup.")
                    .put("category", CATEGORIES.get((int) (i % CATEGORIES.size())))
                    .put("status", "active");
            product.putObject("price")
                    .put(
                            "amount",
                            BigDecimal.valueOf(500 + random.nextInt(300_000), 2).toPlainString())
                    .put("currency", "USD");
            send("POST", "/api/products", product, adminToken, 201);
        }
    }

    /** Waits until every product passage has its vector, so the run does not measure the indexing job. */
    private void awaitSearchIndex() {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (get("/api/admin/search", adminToken).path("pendingEmbeddings").asLong() > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The search index still has passages without vectors after 10 minutes");
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    private Account approver(int index) {
        Account account = new Account(
                "approver-" + runId + "-" + index + "@load.miyabi.test", "load approver password " + UUID.randomUUID());
        ObjectNode body = json.createObjectNode()
                .put("email", account.email())
                .put("password", account.password())
                .put("name", "Load approver " + index);
        String userId = send("POST", "/api/auth/register", body, null, 201)
                .path("user")
                .path("id")
                .asText();
        ObjectNode roles = json.createObjectNode();
        roles.putArray("roles").add("approver");
        send("PUT", "/api/admin/users/" + userId + "/roles", roles, adminToken, 200);
        return account;
    }

    private String login(Account account) {
        ObjectNode body = json.createObjectNode().put("email", account.email()).put("password", account.password());
        return send("POST", "/api/auth/login", body, null, 200)
                .path("accessToken")
                .asText();
    }

    private JsonNode get(String path, String token) {
        return send("GET", path, null, token, 200);
    }

    private JsonNode send(String method, String path, JsonNode body, String token, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(
                        method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
