package dev.miyabi.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitBlockOnFail;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 17, 4 (a): the original plan's journey at 1 000 concurrent users. Each customer browses and searches
 * the catalog, signs up and signs in, opens the live connection ({@code /ws}: auth, subscribe), orders an AI
 * document or course — one in five (settable) at a price that the default policy sends to an approver,
 * decided by the approver users of this simulation over the approvals API — pays with a card the sandbox
 * declines and then with one it accepts, follows the generation job over {@code /ws} until it completes and
 * reads the result, with think times between the steps like a person's.
 *
 * <p>The statistics name every API call once; the waits for an event ({@code WS event: …}) measure the
 * asynchronous work behind them (an approver's decision, the generation job) and so have no latency
 * assertion. Each wait is armed as soon as the HTTP call that causes the event has answered.
 */
public class JourneySimulation extends Simulation {

    /** The API calls that the latency assertions cover: every request but the event waits and the WS sends. */
    static final List<String> API_CALLS = List.of(
            "GET /api/products",
            "GET /api/products?q=",
            "GET /api/search",
            "GET /api/products/{id}",
            "POST /api/auth/register",
            "POST /api/auth/login",
            "WS connect /ws",
            "WS auth_success",
            "WS subscribed",
            "POST /api/orders",
            "POST /api/orders/{id}/payments (declined)",
            "POST /api/orders/{id}/payments",
            "GET /api/ai/jobs/{id}/result",
            "GET /api/orders",
            "GET /api/approvals (inbox)",
            "POST /api/approvals/{id}/decisions");

    private final LoadSettings settings = LoadSettings.fromSystemProperties();
    private final AtomicInteger finishedCustomers = new AtomicInteger();
    private final AtomicLong orders = new AtomicLong();
    private volatile Setup.Prepared prepared;

    private final HttpProtocolBuilder protocol = http.baseUrl(settings.baseUrl())
            .wsBaseUrl(settings.wsBaseUrl())
            .acceptHeader("application/json")
            .userAgentHeader("miyabi-load (Gatling)");

    public JourneySimulation() {
        List<Assertion> assertions = new ArrayList<>();
        assertions.add(global().failedRequests().percent().lt(0.1));
        if (settings.latencyAssertions()) {
            for (String call : API_CALLS) {
                assertions.add(details(call).responseTime().percentile(95.0).lt(100));
                assertions.add(details(call).responseTime().percentile(99.0).lt(200));
            }
        }
        setUp(
                        customers().injectOpen(rampUsers(settings.users()).during(settings.ramp())),
                        approvers().injectOpen(rampUsers(settings.approvers()).during(Duration.ofSeconds(1))))
                .protocols(protocol)
                .assertions(assertions)
                .maxDuration(settings.ramp()
                        .plus(settings.thinkTime(LONGEST_THINKING_SECONDS))
                        .plus(settings.eventWait().multipliedBy(2))
                        .plus(Duration.ofMinutes(2)));
    }

    @Override
    public void before() {
        prepared = new Setup(settings).prepare(settings.approvers());
    }

    /** The sum of the customer's longest pauses below, for the run's time limit. */
    private static final int LONGEST_THINKING_SECONDS = 30 + 30 + 20 + 20 + 40 + 8 + 40 + 15 + 15 + 60;

    private ScenarioBuilder customers() {
        ChainBuilder browse = exec(http("GET /api/products")
                        .get("/api/products?page=0&size=20")
                        .check(
                                status().is(200),
                                jsonPath("$.items[*].id").findRandom().saveAs("productId")))
                .pause(think(10), think(30))
                .exec(http("GET /api/products")
                        .get("/api/products?page=1&size=20&sort=price,asc")
                        .check(status().is(200)))
                .pause(think(10), think(30))
                .exec(session -> session.set("term", pick(Setup.SEARCH_TERMS)))
                .exec(http("GET /api/products?q=")
                        .get("/api/products?size=20&q=#{term}")
                        .check(status().is(200), jsonPath("$.total").ofLong().gt(0L)))
                .pause(think(5), think(20))
                .exec(http("GET /api/search")
                        .get("/api/search?limit=10&q=#{term}")
                        .check(status().is(200), jsonPath("$.results[0].id").exists()))
                .pause(think(5), think(20))
                .exec(http("GET /api/products/{id}")
                        .get("/api/products/#{productId}")
                        .check(status().in(200, 304)))
                .pause(think(10), think(40));

        ChainBuilder signUpAndIn = exec(session -> session.set(
                                "email", "customer-" + UUID.randomUUID() + "@load.miyabi.test")
                        .set("password", "load customer " + UUID.randomUUID()))
                .exec(http("POST /api/auth/register")
                        .post("/api/auth/register")
                        .body(StringBody("{\"email\":#{email.jsonStringify()},\"password\":#{password.jsonStringify()},"
                                + "\"name\":\"Load customer\"}"))
                        .asJson()
                        .check(status().is(201)))
                .pause(think(3), think(8))
                .exec(http("POST /api/auth/login")
                        .post("/api/auth/login")
                        .body(StringBody(
                                "{\"email\":#{email.jsonStringify()},\"password\":#{password.jsonStringify()}}"))
                        .asJson()
                        .check(status().is(200), jsonPath("$.accessToken").saveAs("accessToken")));

        ChainBuilder goLive = exec(ws("WS connect /ws").connect("/ws"))
                .exec(ws("WS auth")
                        .sendText("{\"type\":\"auth\",\"id\":\"auth-1\",\"payload\":{\"token\":\"#{accessToken}\"}}")
                        .await(Duration.ofSeconds(10))
                        .on(ws.checkTextMessage("WS auth_success")
                                .matching(jsonPath("$.id").is("auth-1"))
                                .check(jsonPath("$.type").is("auth_success"))))
                .exec(ws("WS subscribe")
                        .sendText("{\"type\":\"subscribe\",\"id\":\"subscribe-1\","
                                + "\"payload\":{\"topics\":[\"orders\",\"jobs\",\"payments\"]}}")
                        .await(Duration.ofSeconds(10))
                        .on(ws.checkTextMessage("WS subscribed")
                                .matching(jsonPath("$.id").is("subscribe-1"))
                                .check(jsonPath("$.type").is("subscribed"))));

        ChainBuilder order = exec(this::chooseOrder)
                // 304 when it is the product just read: the client revalidates its copy with the ETag.
                .exec(http("GET /api/products/{id}")
                        .get("/api/products/#{orderProductId}")
                        .check(status().in(200, 304)))
                .pause(think(20), think(40))
                .exec(authorized(http("POST /api/orders")
                                .post("/api/orders")
                                .header("Idempotency-Key", "#{orderKey}")
                                .body(StringBody("#{orderBody}"))
                                .asJson())
                        .check(
                                status().is(201),
                                jsonPath("$.id").saveAs("orderId"),
                                jsonPath("$.status").isEL("#{expectedOrderStatus}")))
                .doIf("#{needsApproval}")
                .then(exec(ws("WS event: order approved")
                        .setCheck()
                        .await(settings.eventWait())
                        .on(ws.checkTextMessage("WS event: order approved")
                                .matching(
                                        jsonPath("$.type").is("order.updated"),
                                        jsonPath("$.payload.id").isEL("#{orderId}"),
                                        jsonPath("$.payload.status").not("awaiting_approval"))
                                .check(jsonPath("$.payload.status").is("awaiting_payment")))));

        ChainBuilder pay = exec(session -> session.set(
                                "declinedKey", UUID.randomUUID().toString())
                        .set("paymentKey", UUID.randomUUID().toString()))
                .pause(think(5), think(15))
                .exec(authorized(http("POST /api/orders/{id}/payments (declined)")
                                .post("/api/orders/#{orderId}/payments")
                                .header("Idempotency-Key", "#{declinedKey}")
                                .body(StringBody("{\"paymentMethod\":\"pm_card_chargeDeclined\"}"))
                                .asJson())
                        .check(status().is(402), jsonPath("$.code").is("payment_declined")))
                .pause(think(5), think(15))
                .exec(authorized(http("POST /api/orders/{id}/payments")
                                .post("/api/orders/#{orderId}/payments")
                                .header("Idempotency-Key", "#{paymentKey}")
                                .body(StringBody("{\"paymentMethod\":\"pm_card_visa\"}"))
                                .asJson())
                        .check(status().is(201), jsonPath("$.status").is("succeeded")));

        ChainBuilder followAndRead = exec(ws("WS event: job completed")
                        .setCheck()
                        .await(settings.eventWait())
                        .on(
                                ws.checkTextMessage("WS event: job completed")
                                        .matching(
                                                jsonPath("$.type").in("job.completed", "job.failed", "job.cancelled"),
                                                jsonPath("$.payload.orderId").isEL("#{orderId}"))
                                        .check(
                                                jsonPath("$.type").is("job.completed"),
                                                jsonPath("$.payload.id").saveAs("jobId")),
                                ws.checkTextMessage("WS event: order completed")
                                        .matching(
                                                jsonPath("$.type").is("order.updated"),
                                                jsonPath("$.payload.id").isEL("#{orderId}"),
                                                jsonPath("$.payload.status").in("completed", "failed", "cancelled"))
                                        .check(jsonPath("$.payload.status").is("completed"))))
                .exec(authorized(http("GET /api/ai/jobs/{id}/result").get("/api/ai/jobs/#{jobId}/result"))
                        .check(status().is(200), jsonPath("$.title").exists()))
                .pause(think(20), think(60))
                .exec(authorized(http("GET /api/orders").get("/api/orders?size=20"))
                        .check(
                                status().is(200),
                                jsonPath("$.items[0].id").isEL("#{orderId}"),
                                jsonPath("$.items[0].status").is("completed")))
                .exec(ws("WS close").close());

        return scenario("Customer")
                .exec(exitBlockOnFail().on(browse, signUpAndIn, goLive, order, pay, followAndRead))
                .exec(session -> {
                    finishedCustomers.incrementAndGet();
                    return session;
                });
    }

    /**
     * Approvers work their inbox until every customer is done: each looks at the pending requests assigned to
     * them and approves them one by one (in its own order; when two approvers take the same request, the later
     * decision is answered 409, which the default policy's single-approver stage makes a normal outcome).
     */
    private ScenarioBuilder approvers() {
        Iterator<Map<String, Object>> accounts = new Iterator<>() {
            private final AtomicInteger next = new AtomicInteger();

            @Override
            public boolean hasNext() {
                return next.get() < prepared.approvers().size();
            }

            @Override
            public Map<String, Object> next() {
                Setup.Account account = prepared.approvers().get(next.getAndIncrement());
                return Map.of("email", account.email(), "password", account.password());
            }
        };
        return scenario("Approver")
                .feed(accounts)
                .exec(signIn())
                .asLongAs(session -> finishedCustomers.get() < settings.users())
                .on(exec(authorized(http("GET /api/approvals (inbox)")
                                        .get("/api/approvals?status=pending&assignedToMe=true&size=20"))
                                .check(
                                        status().is(200),
                                        jsonPath("$.items[*].id")
                                                .findAll()
                                                .optional()
                                                .saveAs("inbox")))
                        .foreach(this::shuffledInbox, "approvalId")
                        .on(exec(authorized(http("POST /api/approvals/{id}/decisions")
                                                .post("/api/approvals/#{approvalId}/decisions")
                                                .body(StringBody(
                                                        "{\"decision\":\"approve\",\"comment\":\"Budget confirmed.\"}"))
                                                .asJson())
                                        .check(status().in(200, 409)))
                                .pause(think(0.5), think(2)))
                        .exec(session -> session.remove("inbox"))
                        .pause(think(2), think(5))
                        // Access tokens last 15 minutes: sign in again well before.
                        .doIf(session -> System.currentTimeMillis() - session.getLong("signedInAt") > 600_000)
                        .then(signIn()));
    }

    private ChainBuilder signIn() {
        return exec(http("POST /api/auth/login")
                        .post("/api/auth/login")
                        .body(StringBody(
                                "{\"email\":#{email.jsonStringify()},\"password\":#{password.jsonStringify()}}"))
                        .asJson()
                        .check(status().is(200), jsonPath("$.accessToken").saveAs("accessToken")))
                .exec(session -> session.set("signedInAt", System.currentTimeMillis()));
    }

    private List<String> shuffledInbox(Session session) {
        List<String> inbox = session.contains("inbox") ? new ArrayList<>(session.getList("inbox")) : new ArrayList<>();
        Collections.shuffle(inbox);
        return inbox;
    }

    /**
     * The customer's choice: for the approval share of the customers a product from 1 000 (the default policy
     * asks an approver), else a cheaper one; the generation request matches the product's kind.
     */
    private Session chooseOrder(Session session) {
        // Exactly the share, spread evenly over the customers (so a small smoke run has its approvals too).
        long order = orders.getAndIncrement();
        boolean needsApproval =
                Math.floor((order + 1) * settings.approvalShare()) > Math.floor(order * settings.approvalShare());
        Setup.Product product = pick(needsApproval ? prepared.approval() : prepared.direct());
        String input = product.category().equals("ai_course_generation")
                ? "{\"topic\":\"Operating a platform under load\",\"targetAudience\":\"Platform engineers\","
                        + "\"difficulty\":\"intermediate\",\"estimatedHours\":1,\"learningObjectives\":["
                        + "\"Plan capacity\",\"Read latency percentiles\",\"Tune connection pools\"]}"
                : "{\"documentType\":\"proposal\",\"title\":\"Capacity plan for the next quarter\","
                        + "\"audience\":\"The operations board\",\"dataPoints\":{\"users\":1000,\"p95Ms\":100}}";
        return session.set("needsApproval", needsApproval)
                .set("expectedOrderStatus", needsApproval ? "awaiting_approval" : "awaiting_payment")
                .set("orderProductId", product.id())
                .set("orderKey", UUID.randomUUID().toString())
                .set("orderBody", "{\"productId\":\"" + product.id() + "\",\"quantity\":1,\"input\":" + input + "}");
    }

    private static HttpRequestActionBuilder authorized(HttpRequestActionBuilder request) {
        return request.header("Authorization", "Bearer #{accessToken}");
    }

    private Duration think(double seconds) {
        return settings.thinkTime(seconds);
    }

    private static <T> T pick(List<T> values) {
        return values.get(ThreadLocalRandom.current().nextInt(values.size()));
    }
}
