package dev.miyabi.load;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Issue 17, 4 (b): a closed-loop stress of the read endpoints. {@code load.concurrency} clients, each on its
 * own keep-alive connection, send the next request as soon as the last one answered, for
 * {@code load.durationSeconds}: a product by id, a listing page, a {@code ?q=} listing and a site search.
 * The figures are the throughput and the latency at that concurrency; the assertion is on errors only.
 */
public class ReadStressSimulation extends Simulation {

    private final LoadSettings settings = LoadSettings.fromSystemProperties();
    private volatile List<String> productIds;

    // No HTTP cache: every read is answered in full (no 304 revalidations), so the figures are the server's.
    private final HttpProtocolBuilder protocol = http.baseUrl(settings.baseUrl())
            .disableCaching()
            .acceptHeader("application/json")
            .userAgentHeader("miyabi-load (Gatling)");

    public ReadStressSimulation() {
        ScenarioBuilder reader = scenario("Reader")
                .during(settings.duration())
                .on(exec(this::choose)
                        .randomSwitch()
                        .on(
                                percent(40)
                                        .then(exec(http("GET /api/products/{id}")
                                                .get("/api/products/#{productId}")
                                                .check(status().is(200)))),
                                percent(20)
                                        .then(exec(http("GET /api/products")
                                                .get("/api/products?size=20&page=#{page}")
                                                .check(status().is(200)))),
                                percent(25)
                                        .then(exec(http("GET /api/products?q=")
                                                .get("/api/products?size=20&q=#{term}")
                                                .check(
                                                        status().is(200),
                                                        jsonPath("$.items").exists()))),
                                percent(15)
                                        .then(exec(http("GET /api/search")
                                                .get("/api/search?limit=10&q=#{term}")
                                                .check(status().is(200))))));
        setUp(reader.injectOpen(rampUsers(settings.concurrency()).during(Duration.ofSeconds(5))))
                .protocols(protocol)
                .assertions(global().failedRequests().percent().lt(0.1));
    }

    @Override
    public void before() {
        productIds = new Setup(settings).prepare(0).productIds();
    }

    private Session choose(Session session) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return session.set("productId", productIds.get(random.nextInt(productIds.size())))
                .set("page", random.nextInt(5))
                .set("term", Setup.SEARCH_TERMS.get(random.nextInt(Setup.SEARCH_TERMS.size())));
    }
}
