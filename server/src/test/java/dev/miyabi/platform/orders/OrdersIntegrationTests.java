package dev.miyabi.platform.orders;

import static dev.miyabi.platform.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.support.Api;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OrdersIntegrationTests extends OrderFixtures {

    @Test
    void anOrderIsPlacedAtTheCatalogPriceWhateverTheClientSends() {
        Session customer = register();
        Session other = register();
        String product = createProduct("19.99", "technical_support");
        Map<String, Object> tampered = new LinkedHashMap<>();
        tampered.put("productId", product);
        tampered.put("quantity", 3);
        tampered.put("unitPrice", Map.of("amount", "0.01", "currency", "USD"));
        tampered.put("total", Map.of("amount", "0.03", "currency", "USD"));
        tampered.put("price", Map.of("amount", "0.01", "currency", "USD"));
        tampered.put("status", "paid");
        tampered.put("userId", other.id().toString());
        tampered.put("paymentId", UUID.randomUUID().toString());
        tampered.put("timeline", List.of());

        Api.Response response = api.post("/api/orders")
                .token(customer.accessToken())
                .json(tampered)
                .send();

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode order = response.json();
        String id = order.path("id").asString();
        assertThat(response.header("Location")).contains("/api/orders/" + id);
        assertThat(order.path("userId").asString()).isEqualTo(customer.id().toString());
        assertThat(order.path("productId").asString()).isEqualTo(product);
        assertThat(order.path("productName").asString()).startsWith("technical_support product");
        assertThat(order.path("category").asString()).isEqualTo("technical_support");
        assertThat(order.path("quantity").asInt()).isEqualTo(3);
        assertThat(order.path("unitPrice")).isEqualTo(json("{\"amount\":\"19.99\",\"currency\":\"USD\"}"));
        assertThat(order.path("total")).isEqualTo(json("{\"amount\":\"59.97\",\"currency\":\"USD\"}"));
        assertThat(order.path("status").asString()).isEqualTo("awaiting_payment");
        assertThat(order.path("paymentId").isNull()).isTrue();
        assertThat(order.path("approvalId").isNull()).isTrue();
        assertThat(order.path("completedAt").isNull()).isTrue();
        assertThat(order.path("version").asLong()).isEqualTo(1);
        assertThat(statuses(order)).containsExactly("pending", "awaiting_payment");
        JsonNode placedBy = order.path("timeline").get(0).path("actor");
        assertThat(placedBy.path("type").asString()).isEqualTo("user");
        assertThat(placedBy.path("id").asString()).isEqualTo(customer.id().toString());
        assertThat(placedBy.path("name").asString()).isEqualTo("Test User");
        assertThat(order.path("timeline").get(1).path("actor").path("type").asString())
                .isEqualTo("system");
        assertThat(order.path("timeline").get(1).path("note").asString()).isEqualTo("No approval needed");

        assertThat(order(customer, UUID.fromString(id))).isEqualTo(order);
        Map<String, Object> row = jdbc.sql(
                        "SELECT user_id::text AS u, unit_price::text AS p, total_amount::text AS t, status FROM orders WHERE id = CAST(:id AS UUID)")
                .param("id", id)
                .query()
                .singleRow();
        assertThat(row)
                .containsEntry("u", customer.id().toString())
                .containsEntry("p", "19.99")
                .containsEntry("t", "59.97")
                .containsEntry("status", "awaiting_payment");
    }

    @Test
    void thePriceIsTheOneAtOrderTime() {
        Session customer = register();
        String product = createProduct("10.00", "business_consulting");
        UUID before = placed(customer, product);

        Map<String, Object> change = new LinkedHashMap<>();
        change.put("name", "Consulting, repriced");
        change.put("price", Map.of("amount", "25.00", "currency", "USD"));
        change.put("category", "business_consulting");
        change.put("status", "active");
        assertThat(api.put("/api/products/" + product)
                        .token(adminSession().accessToken())
                        .header("If-Match", "\"0\"")
                        .json(change)
                        .send()
                        .status())
                .isEqualTo(200);
        UUID after = placed(customer, product);

        assertThat(order(customer, before).path("unitPrice").path("amount").asString())
                .isEqualTo("10.00");
        assertThat(order(customer, before).path("productName").asString()).startsWith("business_consulting product");
        assertThat(order(customer, after).path("unitPrice").path("amount").asString())
                .isEqualTo("25.00");
        assertThat(order(customer, after).path("productName").asString()).isEqualTo("Consulting, repriced");
    }

    @Test
    void quantityAndProductAreCheckedField() {
        Session customer = register();
        String product = createProduct("5.00", "ai_search_service");

        Map<String, Object> noQuantity = Map.of("productId", product);
        Api.Response defaulted = api.post("/api/orders")
                .token(customer.accessToken())
                .json(noQuantity)
                .send();
        assertThat(defaulted.status()).isEqualTo(201);
        assertThat(defaulted.json().path("quantity").asInt()).isEqualTo(1);
        assertThat(place(customer, product, 100, null).status()).isEqualTo(201);

        assertThat(errors(place(customer, product, 0, null), 400, "validation_failed"))
                .containsExactly("quantity");
        assertThat(errors(place(customer, product, 101, null), 400, "validation_failed"))
                .containsExactly("quantity");
        assertThat(errors(
                        api.post("/api/orders")
                                .token(customer.accessToken())
                                .json(Map.of("quantity", 1))
                                .send(),
                        400,
                        "validation_failed"))
                .containsExactly("productId");
        assertThat(errors(place(customer, "not-a-uuid", 1, null), 400, "validation_failed"))
                .containsExactly("productId");
        assertProblem(
                api.post("/api/orders")
                        .token(customer.accessToken())
                        .raw("application/json", "{\"productId\": \"" + product + "\", \"quantity\": \"lots\"}")
                        .send(),
                400,
                "malformed_request");
        assertProblem(api.post("/api/orders").json(noQuantity).send(), 401, "unauthorized");
        assertThat(ordersOf(customer)).isEqualTo(2);
    }

    @Test
    void draftArchivedAndUnknownProductsCannotBeOrdered() {
        Session customer = register();
        String draft = createProduct("5.00", "USD", "ai_search_service", "draft");
        String archived = createProduct("5.00", "ai_search_service");
        api.delete("/api/products/" + archived)
                .token(adminSession().accessToken())
                .send();

        assertProblem(place(customer, draft, 1, null), 422, "product_unavailable");
        assertProblem(place(customer, archived, 1, null), 422, "product_unavailable");
        assertProblem(place(customer, UUID.randomUUID().toString(), 1, null), 422, "product_unavailable");
        assertThat(ordersOf(customer)).isZero();
    }

    @Test
    void aiOrdersNeedAValidGenerationRequest() {
        Session customer = register();
        String course = createProduct("49.00", "ai_course_generation");
        String document = createProduct("29.00", "ai_document_generation");

        assertThat(errors(place(customer, course, 1, null), 422, "invalid_input"))
                .containsExactly("input");
        Map<String, Object> bad = courseInput();
        bad.put("topic", "Py");
        bad.put("difficulty", "expert");
        bad.put("learningObjectives", List.of("only one"));
        assertThat(errors(place(customer, course, 1, bad), 422, "invalid_input"))
                .containsExactlyInAnyOrder("input.topic", "input.difficulty", "input.learningObjectives");
        assertThat(errors(place(customer, course, 1, "make me a course"), 422, "invalid_input"))
                .containsExactly("input");
        assertThat(errors(place(customer, document, 1, courseInput()), 422, "invalid_input"))
                .contains("input.documentType");
        assertThat(ordersOf(customer)).isZero();

        Api.Response ok = place(customer, course, 1, courseInput());
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        assertThat(ok.json().path("input").path("topic").asString()).isEqualTo("Python for data analysis");
        assertThat(ok.json().path("input").path("learningObjectives")).hasSize(3);
        Map<String, Object> documentInput = Map.of(
                "documentType",
                "proposal",
                "title",
                "Cloud migration",
                "audience",
                "CFO",
                "dataPoints",
                Map.of("budget", 120000));
        assertThat(place(customer, document, 1, documentInput).status()).isEqualTo(201);
    }

    @Test
    void otherProductsTakeOptionalNotesOfAtMostTenKilobytes() {
        Session customer = register();
        String support = createProduct("99.00", "technical_support");

        Api.Response withNotes = place(customer, support, 1, "Please call before 10am");
        assertThat(withNotes.status()).isEqualTo(201);
        assertThat(withNotes.json().path("input").asString()).isEqualTo("Please call before 10am");
        assertThat(order(customer, UUID.fromString(withNotes.text("id")))
                        .path("input")
                        .asString())
                .isEqualTo("Please call before 10am");
        assertThat(place(customer, support, 1, Map.of("contact", "ops@example.test"))
                        .status())
                .isEqualTo(201);
        assertThat(errors(place(customer, support, 1, "x".repeat(10 * 1024 + 1)), 422, "invalid_input"))
                .containsExactly("input");
    }

    @Test
    void aTotalBeyondWhatMoneyColumnsHoldIsRefused() {
        Session customer = register();
        String expensive = createProduct("99999999.99", "business_consulting");

        assertProblem(place(customer, expensive, 2, null), 422, "total_too_large");
        assertThat(place(customer, expensive, 1, null).status()).isEqualTo(201);
    }

    @Test
    void anotherUsersOrderIsNotFound() {
        Session owner = register();
        Session stranger = register();
        UUID id = placed(owner, createProduct("15.00", "technical_support"));

        assertProblem(api.get("/api/orders/" + id).token(stranger.accessToken()).send(), 404, "not_found");
        assertProblem(
                api.post("/api/orders/" + id + "/cancel")
                        .token(stranger.accessToken())
                        .send(),
                404,
                "not_found");
        assertProblem(
                api.get("/api/orders/" + UUID.randomUUID())
                        .token(owner.accessToken())
                        .send(),
                404,
                "not_found");
        assertThat(api.get("/api/orders")
                        .token(stranger.accessToken())
                        .send()
                        .json()
                        .path("total")
                        .asLong())
                .isZero();
        assertThat(order(adminSession(), id).path("status").asString()).isEqualTo("awaiting_payment");
        assertThat(order(owner, id).path("status").asString()).isEqualTo("awaiting_payment");
        assertProblem(api.get("/api/orders/" + id).send(), 401, "unauthorized");
    }

    @Test
    void customersListTheirOwnOrdersAndAdminsFilterAll() {
        Session customer = register();
        Session other = register();
        String product = createProduct("12.00", "ai_search_service");
        UUID first = placed(customer, product);
        UUID second = placed(customer, product);
        UUID third = placed(customer, product);
        UUID foreign = placed(other, product);
        orders.cancel(second, agent(), TimelineNote.of(TimelineNote.Kind.CANCELLED, "test"));

        JsonNode page = api.get("/api/orders?size=2")
                .token(customer.accessToken())
                .send()
                .json();
        assertThat(top(page.path("items"), "id")).containsExactly(third.toString(), second.toString());
        assertThat(page.path("total").asLong()).isEqualTo(3);
        assertThat(page.path("items").get(0).path("timeline")).hasSize(2);
        assertThat(ids(api.get("/api/orders?size=2&page=1")
                        .token(customer.accessToken())
                        .send()))
                .containsExactly(first.toString());
        assertThat(ids(api.get("/api/orders?sort=createdAt,asc")
                        .token(customer.accessToken())
                        .send()))
                .containsExactly(first.toString(), second.toString(), third.toString());
        assertThat(ids(api.get("/api/orders?status=cancelled")
                        .token(customer.accessToken())
                        .send()))
                .containsExactly(second.toString());
        assertThat(ids(api.get("/api/orders?userId=" + customer.id())
                        .token(customer.accessToken())
                        .send()))
                .hasSize(3);
        assertProblem(
                api.get("/api/orders?userId=" + other.id())
                        .token(customer.accessToken())
                        .send(),
                403,
                "forbidden");

        String admin = adminSession().accessToken();
        assertThat(ids(api.get("/api/orders?userId=" + customer.id())
                        .token(admin)
                        .send()))
                .containsExactly(third.toString(), second.toString(), first.toString());
        assertThat(ids(api.get("/api/orders?userId=" + other.id()).token(admin).send()))
                .containsExactly(foreign.toString());
        assertThat(ids(api.get("/api/orders?userId=" + customer.id() + "&status=awaiting_payment")
                        .token(admin)
                        .send()))
                .containsExactly(third.toString(), first.toString());
        JsonNode all = api.get("/api/orders?status=awaiting_payment&size=100")
                .token(admin)
                .send()
                .json();
        assertThat(top(all.path("items"), "id")).contains(first.toString(), foreign.toString());
        assertThat(top(all.path("items"), "status")).containsOnly("awaiting_payment");
        assertThat(api.get("/api/orders?size=500")
                        .token(admin)
                        .send()
                        .json()
                        .path("size")
                        .asInt())
                .isEqualTo(100);

        assertProblem(api.get("/api/orders?status=shipped").token(admin).send(), 400, "validation_failed");
        assertProblem(api.get("/api/orders?sort=total").token(admin).send(), 400, "validation_failed");
        assertProblem(api.get("/api/orders?userId=nobody").token(admin).send(), 400, "validation_failed");
        assertProblem(
                api.get("/api/orders?page=-1").token(customer.accessToken()).send(), 400, "validation_failed");
    }

    @Test
    void theApiDocumentDescribesOrders() {
        JsonNode paths = api.get("/v3/api-docs").send().json().path("paths");

        assertThat(paths.has("/api/orders")).isTrue();
        assertThat(paths.has("/api/orders/{id}/cancel")).isTrue();
        assertThat(paths.has("/api/orders/{id}/complete")).isTrue();
    }

    private long ordersOf(Session customer) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE user_id = :id")
                .param("id", customer.id())
                .query(Long.class)
                .single();
    }

    private static List<String> errors(Api.Response response, int status, String code) {
        return assertProblem(response, status, code).path("errors").findValuesAsString("field");
    }

    private static List<String> ids(Api.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return top(page.json().path("items"), "id");
    }

    /** A field of each item (not of nested objects such as timeline actors). */
    private static List<String> top(JsonNode items, String field) {
        List<String> values = new java.util.ArrayList<>();
        items.forEach(item -> values.add(item.path(field).asString()));
        return values;
    }

    private static JsonNode json(String text) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(text);
    }
}
