package dev.miyabi.platform.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.aijobs.AiJobs;
import dev.miyabi.platform.aijobs.Job;
import dev.miyabi.platform.aijobs.NewJob;
import dev.miyabi.platform.realtime.InstancePresence;
import dev.miyabi.platform.realtime.RealtimePresence;
import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.IntegrationTest;
import dev.miyabi.platform.support.SecondInstance;
import dev.miyabi.platform.support.StepsJobHandler;
import dev.miyabi.platform.support.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Scale-out: two instances on one database. A client connected to A sees what B did — an order placed
 * over B's API, a job that only B's workers can run — and both instances report the same state version
 * (and counts) once quiet.
 */
class StateTwoInstancesIntegrationTests extends IntegrationTest {

    @Autowired
    AiJobs jobsA;

    @Autowired
    RealtimePresence presenceA;

    @Test
    void aClientOnOneInstanceSeesWhatTheOtherDidAndBothReportTheSameState() {
        try (ConfigurableApplicationContext instanceB =
                SecondInstance.start("--miyabi.test.remote-steps-handler=true")) {
            Api apiB = new Api(SecondInstance.port(instanceB));
            AiJobs jobsB = instanceB.getBean(AiJobs.class);
            assertThat(jobsA.types()).doesNotContain(StepsJobHandler.REMOTE_TYPE);
            assertThat(jobsB.types()).contains(StepsJobHandler.REMOTE_TYPE);
            Session admin = admin();
            Session alice = register();
            String product = product(admin);

            try (WsClient onA = WsClient.authenticated(port, alice.accessToken())) {
                onA.subscribe(List.of("orders", "jobs"), null);

                Api.Response placedOnB = apiB.post("/api/orders")
                        .token(alice.accessToken())
                        .json(Map.of("productId", product, "quantity", 1))
                        .send();
                assertThat(placedOnB.status()).as(placedOnB.toString()).isEqualTo(201);
                JsonNode created = onA.nextEvent();
                assertThat(created.path("type").asString()).isEqualTo("order.created");
                assertThat(created.path("payload").path("resourceId").asString())
                        .isEqualTo(placedOnB.text("id"));
                assertThat(onA.nextEvent().path("payload").path("status").asString())
                        .isEqualTo("awaiting_payment");

                Job job = jobsB.enqueue(NewJob.of(
                        StepsJobHandler.REMOTE_TYPE,
                        WsClient.JSON.createObjectNode().put("steps", 2),
                        alice.id()));
                List<String> types = new ArrayList<>();
                JsonNode event;
                do {
                    event = onA.nextEvent();
                    assertThat(event.path("payload").path("resourceId").asString())
                            .isEqualTo(job.id().toString());
                    types.add(event.path("type").asString());
                } while (!event.path("type").asString().equals("job.completed"));
                assertThat(types).startsWith("job.queued", "job.started").contains("job.progress");
                assertThat(event.path("payload")
                                .path("progress")
                                .path("completedSteps")
                                .asInt())
                        .isEqualTo(2);
            }

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                JsonNode stateA = state(api, admin);
                JsonNode stateB = state(apiB, admin);
                long end = jdbc.sql("SELECT max(id) FROM event_log")
                        .query(Long.class)
                        .single();
                assertThat(stateA.path("version").asLong()).isEqualTo(end);
                assertThat(stateB.path("version").asLong()).isEqualTo(end);
                assertThat(stateB.path("businessState").path("counts"))
                        .isEqualTo(stateA.path("businessState").path("counts"));
                assertThat(stateB.path("agentState").path("agents"))
                        .isEqualTo(stateA.path("agentState").path("agents"));
            });

            String idOfB = instanceB.getBean(RealtimePresence.class).instanceId();
            assertThat(presenceA.cluster())
                    .extracting(InstancePresence::instanceId)
                    .contains(presenceA.instanceId(), idOfB);
        }
    }

    private static JsonNode state(Api api, Session admin) {
        Api.Response response = api.get("/api/state").token(admin.accessToken()).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private String product(Session admin) {
        Api.Response created = api.post("/api/products")
                .token(admin.accessToken())
                .json(Map.of(
                        "name",
                        "Support " + UUID.randomUUID(),
                        "price",
                        Map.of("amount", "30.00", "currency", "USD"),
                        "category",
                        "technical_support"))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }
}
