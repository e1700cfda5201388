package dev.miyabi.platform.catalog;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProductsIntegrationTests extends IntegrationTest {

    private String admin;
    /** A word no other test uses, so searches see only this test's products. */
    private String tag;

    @BeforeEach
    void signIn() {
        admin = admin().accessToken();
        tag = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void anAdminCreatesReadsReplacesAndArchivesAProduct() {
        Api.Response created = api.post("/api/products")
                .token(admin)
                .json(body("Course " + tag, "49.99", "USD", "ai_course_generation", "active"))
                .send();

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode product = created.json();
        String id = product.path("id").asString();
        assertThat(created.header("Location")).contains("/api/products/" + id);
        assertThat(created.header("ETag")).contains("\"0\"");
        assertThat(product.path("name").asString()).isEqualTo("Course " + tag);
        assertThat(product.path("price").path("amount").asString()).isEqualTo("49.99");
        assertThat(product.path("price").path("currency").asString()).isEqualTo("USD");
        assertThat(product.path("category").asString()).isEqualTo("ai_course_generation");
        assertThat(product.path("status").asString()).isEqualTo("active");
        assertThat(product.path("version").asLong()).isZero();
        assertThat(product.has("createdAt") && product.has("updatedAt")).isTrue();
        assertThat(product.has("orderable")).isFalse();

        Api.Response read = api.get("/api/products/" + id).send();
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(product);
        assertThat(read.header("ETag")).contains("\"0\"");

        Map<String, Object> change = body("Course " + tag + " v2", "59", "EUR", "ai_course_generation", "draft");
        Api.Response replaced = api.put("/api/products/" + id)
                .token(admin)
                .header("If-Match", "\"0\"")
                .json(change)
                .send();
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json().path("version").asLong()).isEqualTo(1);
        assertThat(replaced.json().path("price").path("amount").asString()).isEqualTo("59.00");
        assertThat(replaced.json().path("price").path("currency").asString()).isEqualTo("EUR");
        assertThat(replaced.json().path("status").asString()).isEqualTo("draft");
        assertThat(replaced.json().path("description").isNull()).isTrue();
        assertThat(replaced.header("ETag")).contains("\"1\"");

        assertThat(api.delete("/api/products/" + id).token(admin).send().status())
                .isEqualTo(204);
        JsonNode archived = api.get("/api/products/" + id).token(admin).send().json();
        assertThat(archived.path("status").asString()).isEqualTo("archived");
        assertThat(archived.path("version").asLong()).isEqualTo(2);

        assertThat(api.delete("/api/products/" + id).token(admin).send().status())
                .as("deleting again changes nothing")
                .isEqualTo(204);
        assertThat(api.get("/api/products/" + id)
                        .token(admin)
                        .send()
                        .json()
                        .path("version")
                        .asLong())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM products WHERE id = CAST(:id AS UUID)")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .as("archived, not deleted")
                .isEqualTo(1);
    }

    @Test
    void onlyAdminsWrite() {
        String customer = register().accessToken();
        String id = create("Support " + tag, "10", "technical_support", "active");
        Map<String, Object> product = body("X " + tag, "10", "USD", "technical_support", "active");

        assertProblem(api.post("/api/products").json(product).send(), 401, "unauthorized");
        assertProblem(api.post("/api/products").token(customer).json(product).send(), 403, "forbidden");
        assertProblem(
                api.put("/api/products/" + id)
                        .token(customer)
                        .header("If-Match", "\"0\"")
                        .json(product)
                        .send(),
                403,
                "forbidden");
        assertProblem(api.delete("/api/products/" + id).token(customer).send(), 403, "forbidden");
        assertProblem(api.delete("/api/products/" + id).send(), 401, "unauthorized");
        assertThat(api.get("/api/products/" + id).send().json().path("version").asLong())
                .isZero();
    }

    @Test
    void aStaleUpdateIsAConflict() {
        String id = create("Report " + tag, "39", "ai_document_generation", "active");
        Map<String, Object> first = body("Report " + tag + " A", "39", "USD", "ai_document_generation", "active");
        Map<String, Object> second = body("Report " + tag + " B", "45", "USD", "ai_document_generation", "active");

        assertThat(api.put("/api/products/" + id)
                        .token(admin)
                        .header("If-Match", "\"0\"")
                        .json(first)
                        .send()
                        .status())
                .isEqualTo(200);
        JsonNode conflict = assertProblem(
                api.put("/api/products/" + id)
                        .token(admin)
                        .header("If-Match", "\"0\"")
                        .json(second)
                        .send(),
                409,
                "version_conflict");
        assertThat(conflict.path("currentVersion").asLong()).isEqualTo(1);

        second.put("version", 0);
        assertProblem(api.put("/api/products/" + id).token(admin).json(second).send(), 409, "version_conflict");

        second.put("version", 1);
        assertProblem(
                api.put("/api/products/" + id)
                        .token(admin)
                        .header("If-Match", "\"0\"")
                        .json(second)
                        .send(),
                409,
                "version_conflict");

        JsonNode current = api.get("/api/products/" + id).send().json();
        assertThat(current.path("name").asString()).isEqualTo("Report " + tag + " A");
        assertThat(current.path("version").asLong()).isEqualTo(1);

        Api.Response withBodyVersion =
                api.put("/api/products/" + id).token(admin).json(second).send();
        assertThat(withBodyVersion.status()).isEqualTo(200);
        assertThat(withBodyVersion.json().path("name").asString()).isEqualTo("Report " + tag + " B");

        second.remove("version");
        assertProblem(api.put("/api/products/" + id).token(admin).json(second).send(), 400, "validation_failed");
        assertProblem(
                api.put("/api/products/" + id)
                        .token(admin)
                        .header("If-Match", "\"abc\"")
                        .json(second)
                        .send(),
                400,
                "validation_failed");
        assertThat(api.put("/api/products/" + id)
                        .token(admin)
                        .header("If-Match", "*")
                        .json(second)
                        .send()
                        .json()
                        .path("version")
                        .asLong())
                .as("If-Match: * replaces whatever the version")
                .isEqualTo(3);
    }

    @Test
    void unknownProductsAreNotFound() {
        String unknown = UUID.randomUUID().toString();
        Map<String, Object> product = body("X " + tag, "10", "USD", "technical_support", "active");
        product.put("version", 0);

        assertProblem(api.get("/api/products/" + unknown).send(), 404, "not_found");
        assertProblem(
                api.put("/api/products/" + unknown).token(admin).json(product).send(), 404, "not_found");
        assertProblem(api.delete("/api/products/" + unknown).token(admin).send(), 404, "not_found");
        assertProblem(api.get("/api/products/not-a-uuid").send(), 400, "validation_failed");
    }

    @Test
    void invalidProductsAreRefusedWithFieldErrors() {
        JsonNode everythingWrong = assertProblem(
                api.post("/api/products")
                        .token(admin)
                        .json(body(" ", "-3", "usd", "courses", "live"))
                        .send(),
                400,
                "validation_failed");
        assertThat(everythingWrong.path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("name", "price.amount", "price.currency", "category", "status");

        assertThat(errorFields(body("x".repeat(256), "10", "USD", "technical_support", "active")))
                .containsExactly("name");
        assertThat(errorFields(body("Ok " + tag, "10.999", "USD", "technical_support", "active")))
                .containsExactly("price.amount");
        assertThat(errorFields(body("Ok " + tag, "10.5", "JPY", "technical_support", "active")))
                .containsExactly("price.amount");
        assertThat(errorFields(body("Ok " + tag, "100000000", "USD", "technical_support", "active")))
                .containsExactly("price.amount");
        assertThat(errorFields(body("Ok " + tag, "0", "USD", "technical_support", "active")))
                .containsExactly("price.amount");
        assertThat(errorFields(body("Ok " + tag, "abc", "USD", "technical_support", "active")))
                .containsExactly("price.amount");
        assertThat(errorFields(body("Ok " + tag, "10", "XYZ", "technical_support", "active")))
                .containsExactly("price.currency");
        Map<String, Object> noPrice = body("Ok " + tag, "10", "USD", "technical_support", "active");
        noPrice.remove("price");
        assertThat(errorFields(noPrice)).containsExactly("price");
        Map<String, Object> longDescription = body("Ok " + tag, "10", "USD", "technical_support", "active");
        longDescription.put("description", "d".repeat(10_001));
        assertThat(errorFields(longDescription)).containsExactly("description");

        assertProblem(
                api.post("/api/products")
                        .token(admin)
                        .raw("application/json", "{\"name\": ")
                        .send(),
                400,
                "malformed_request");
        assertThat(jdbc.sql("SELECT count(*) FROM products WHERE name LIKE :tag")
                        .param("tag", "%" + tag + "%")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void statusDefaultsToActiveAndYenPricesAreWhole() {
        Map<String, Object> product = body("Yen " + tag, "5000", "JPY", "business_consulting", "active");
        product.remove("status");

        JsonNode created =
                api.post("/api/products").token(admin).json(product).send().json();

        assertThat(created.path("status").asString()).isEqualTo("active");
        assertThat(created.path("price").path("amount").asString()).isEqualTo("5000");
    }

    @Test
    void customersAndAnonymousCallersSeeActiveProductsOnly() {
        String active = create("Visible " + tag, "10", "ai_search_service", "active");
        String draft = create("Hidden draft " + tag, "10", "ai_search_service", "draft");
        String archived = create("Hidden archived " + tag, "10", "ai_search_service", "active");
        api.delete("/api/products/" + archived).token(admin).send();
        String customer = register().accessToken();

        for (String token : new String[] {null, customer}) {
            assertThat(api.get("/api/products/" + active).token(token).send().status())
                    .isEqualTo(200);
            assertProblem(api.get("/api/products/" + draft).token(token).send(), 404, "not_found");
            assertProblem(api.get("/api/products/" + archived).token(token).send(), 404, "not_found");
            assertThat(ids(api.get("/api/products?q=" + tag).token(token).send()))
                    .containsExactly(active);
            assertThat(ids(api.get("/api/products?status=active&q=" + tag)
                            .token(token)
                            .send()))
                    .containsExactly(active);
            assertProblem(api.get("/api/products?status=draft").token(token).send(), 400, "validation_failed");
        }
        assertThat(ids(api.get("/api/products?q=" + tag).token(admin).send()))
                .containsExactlyInAnyOrder(active, draft, archived);
        assertThat(ids(api.get("/api/products?status=draft&q=" + tag)
                        .token(admin)
                        .send()))
                .containsExactly(draft);
        assertThat(ids(api.get("/api/products?status=archived&q=" + tag)
                        .token(admin)
                        .send()))
                .containsExactly(archived);
    }

    @Test
    void searchIsACaseInsensitiveSubstringOfNameOrDescription() {
        String byName = create("Kubernetes " + tag.toUpperCase() + " Basics", "10", "ai_course_generation", "active");
        Map<String, Object> withDescription = body("Other course", "10", "USD", "ai_course_generation", "active");
        withDescription.put("description", "Covers " + tag + " in depth");
        String byDescription = api.post("/api/products")
                .token(admin)
                .json(withDescription)
                .send()
                .text("id");
        String alpha = create("Alpha " + tag, "10", "ai_course_generation", "active");

        assertThat(ids(api.get("/api/products?q=" + tag).send()))
                .containsExactlyInAnyOrder(byName, byDescription, alpha);
        assertThat(ids(api.get("/api/products?q=" + tag.toUpperCase()).send()))
                .containsExactlyInAnyOrder(byName, byDescription, alpha);
        assertThat(ids(api.get("/api/products?q=alpha%20" + tag).send())).containsExactly(alpha);
        assertThat(ids(api.get("/api/products?q=Alph_%20" + tag).send()))
                .as("_ is a character, not a wildcard")
                .isEmpty();
        assertThat(ids(api.get("/api/products?q=Al%25" + tag).send()))
                .as("%% is a character, not a wildcard")
                .isEmpty();
        assertThat(ids(api.get("/api/products?size=100&q=course%20covers%20" + tag)
                        .send()))
                .as("name and description are searched apart")
                .isEmpty();
        assertProblem(api.get("/api/products?q=course%0Acovers").send(), 400, "validation_failed");
        assertProblem(api.get("/api/products?q=" + "x".repeat(201)).send(), 400, "validation_failed");
    }

    @Test
    void listingsAreFilteredSortedAndPaged() {
        String c = create("c " + tag, "10.00", "ai_course_generation", "active");
        String a = create("a " + tag, "20.00", "ai_document_generation", "active");
        String e = create("e " + tag, "30.00", "ai_course_generation", "active");
        String b = create("b " + tag, "40.00", "technical_support", "active");
        String d = create("d " + tag, "50.00", "ai_course_generation", "active");
        String q = "/api/products?q=" + tag;

        assertThat(ids(api.get(q).send())).as("newest first by default").containsExactly(d, b, e, a, c);
        assertThat(ids(api.get(q + "&sort=createdAt,asc").send())).containsExactly(c, a, e, b, d);
        assertThat(ids(api.get(q + "&sort=name").send())).containsExactly(a, b, c, d, e);
        assertThat(ids(api.get(q + "&sort=name,desc").send())).containsExactly(e, d, c, b, a);
        assertThat(ids(api.get(q + "&sort=price,asc").send())).containsExactly(c, a, e, b, d);
        assertThat(ids(api.get(q + "&sort=price,desc").send())).containsExactly(d, b, e, a, c);

        JsonNode first = api.get(q + "&sort=price&size=2").send().json();
        assertThat(first.path("items").findValuesAsString("id")).containsExactly(c, a);
        assertThat(first.path("page").asInt()).isZero();
        assertThat(first.path("size").asInt()).isEqualTo(2);
        assertThat(first.path("total").asLong()).isEqualTo(5);
        assertThat(ids(api.get(q + "&sort=price&size=2&page=2").send())).containsExactly(d);
        assertThat(ids(api.get(q + "&sort=price&size=2&page=3").send())).isEmpty();
        assertThat(api.get(q + "&size=1000").send().json().path("size").asInt()).isEqualTo(100);

        assertThat(ids(api.get(q + "&category=ai_course_generation&sort=price").send()))
                .containsExactly(c, e, d);
        assertThat(ids(api.get(q + "&minPrice=20&maxPrice=40.00&sort=price").send()))
                .containsExactly(a, e, b);
        assertThat(ids(api.get(q + "&minPrice=45").send())).containsExactly(d);
        assertThat(ids(api.get(q + "&currency=USD&maxPrice=10").send())).containsExactly(c);
        assertThat(ids(api.get(q + "&currency=EUR").send())).isEmpty();

        assertProblem(api.get(q + "&category=books").send(), 400, "validation_failed");
        assertProblem(api.get(q + "&minPrice=abc").send(), 400, "validation_failed");
        assertProblem(api.get(q + "&minPrice=50&maxPrice=10").send(), 400, "validation_failed");
        assertProblem(api.get(q + "&currency=EURO").send(), 400, "validation_failed");
        assertProblem(api.get(q + "&sort=color").send(), 400, "validation_failed");
        assertProblem(api.get(q + "&sort=price,up").send(), 400, "validation_failed");
        assertProblem(api.get(q + "&page=-1").send(), 400, "validation_failed");
    }

    @Test
    void totalsFollowChangesAtOnce() {
        create("one " + tag, "10", "ai_search_service", "active");
        String two = create("two " + tag, "10", "ai_search_service", "active");
        String page = "/api/products?size=1&q=" + tag;
        assertThat(api.get(page).send().json().path("total").asLong()).isEqualTo(2);

        create("three " + tag, "10", "ai_search_service", "active");
        assertThat(api.get(page).send().json().path("total").asLong()).isEqualTo(3);

        api.delete("/api/products/" + two).token(admin).send();
        assertThat(api.get(page).send().json().path("total").asLong()).isEqualTo(2);
        assertThat(api.get("/api/products?size=5&q=" + tag)
                        .send()
                        .json()
                        .path("total")
                        .asLong())
                .isEqualTo(2);
        assertThat(api.get("/api/products?size=1&page=5&q=" + tag)
                        .send()
                        .json()
                        .path("total")
                        .asLong())
                .as("an empty page beyond the end still tells the total")
                .isEqualTo(2);
    }

    @Test
    void theApiDocumentDescribesTheCatalog() {
        JsonNode paths = api.get("/v3/api-docs").send().json().path("paths");

        assertThat(paths.has("/api/products")).isTrue();
        assertThat(paths.path("/api/products/{id}").has("put")).isTrue();
        assertThat(paths.path("/api/products/{id}").has("delete")).isTrue();
    }

    private List<String> errorFields(Map<String, Object> product) {
        return assertProblem(
                        api.post("/api/products").token(admin).json(product).send(), 400, "validation_failed")
                .path("errors")
                .findValuesAsString("field");
    }

    private String create(String name, String price, String category, String status) {
        Api.Response created = api.post("/api/products")
                .token(admin)
                .json(body(name, price, "USD", category, status))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    private static List<String> ids(Api.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.json().path("items").findValuesAsString("id");
    }

    static Map<String, Object> body(String name, String amount, String currency, String category, String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", null);
        body.put("price", Map.of("amount", amount, "currency", currency));
        body.put("category", category);
        body.put("status", status);
        return body;
    }
}
