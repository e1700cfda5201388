package dev.miyabi.platform.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.miyabi.platform.faults.FaultyHttpServer.Fault;
import dev.miyabi.platform.support.Api;
import dev.miyabi.platform.support.IntegrationTest;
import dev.miyabi.platform.support.SecondInstance;
import dev.miyabi.platform.support.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Document jobs on an instance of their own (its own database, so only its workers run them) whose only
 * LLM provider is an OpenAI-compatible server that misbehaves: it stalls, or fails one request in five.
 * The request timeout is 1 s, each call is tried twice, and a job three times with short backoff.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LlmFaultIntegrationTests extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

    /** What the provider does with the next request; healthy unless a test says otherwise. */
    private final AtomicReference<Function<FaultyHttpServer.Request, Fault>> provider =
            new AtomicReference<>(LlmFaultIntegrationTests::answer);

    private FaultyHttpServer openAi;
    private ConfigurableApplicationContext instance;
    private JdbcClient db;
    private Api instanceApi;

    @BeforeAll
    void start() throws Exception {
        openAi = new FaultyHttpServer(request -> provider.get().apply(request));
        TestDatabase.Connection own = TestDatabase.another();
        instance = SecondInstance.start(
                "--miyabi.database.url=" + own.url(),
                "--miyabi.database.user=" + own.user(),
                "--miyabi.database.password=" + own.password(),
                "--miyabi.llm.provider=openai",
                "--miyabi.llm.fallback=openai",
                "--miyabi.llm.openai.base-url=" + openAi.url("/v1"),
                "--miyabi.llm.openai.api-key=sk-test-faults",
                "--miyabi.llm.timeouts.request=" + REQUEST_TIMEOUT.toMillis() + "ms",
                "--miyabi.llm.retry.max-attempts=2",
                "--miyabi.llm.retry.initial-backoff=50ms",
                "--miyabi.llm.retry.max-backoff=200ms",
                "--miyabi.llm.retry.max-retry-after=2s",
                "--miyabi.llm.budget.monthly-tokens-per-user=0",
                "--miyabi.jobs.workers=8",
                "--miyabi.jobs.max-attempts=3",
                "--miyabi.jobs.poll-interval=200ms",
                // Long enough for the retry's wait to be seen by a 50 ms poll on a busy CI machine.
                "--miyabi.jobs.backoff-base=3s",
                "--miyabi.jobs.backoff-max=5s",
                "--miyabi.generation.max-attempts=3",
                "--spring.datasource.hikari.maximum-pool-size=12");
        db = instance.getBean(JdbcClient.class);
        instanceApi = new Api(SecondInstance.port(instance));
    }

    @AfterAll
    void stop() throws Exception {
        if (instance != null) {
            instance.close();
        }
        if (openAi != null) {
            openAi.close();
        }
    }

    @Test
    void aStalledProviderTimesOutTheAttemptWhichIsRetriedAndCompletesOnceItRecovers() {
        Session customer = registerOnInstance();
        long jobsBefore = count("SELECT count(*) FROM ai_jobs");
        int firstRequest = openAi.received().size() + 1;
        // The next two requests (the first attempt's call and its retry): one never answered, one whose
        // answer stops after its headers and half its body. Every later request is answered.
        provider.set(request -> request.number() == firstRequest
                ? new Fault.Stall()
                : request.number() == firstRequest + 1 ? new Fault.StallMidBody(completion(request)) : answer(request));

        long started = System.nanoTime();
        String jobId = submitDocument(customer, "Stalled provider");
        // What the user sees while it runs: each distinct (status, attempts, error) in order.
        List<String> seen = new ArrayList<>();
        JsonNode done = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> {
                            JsonNode job = job(customer, jobId);
                            String state = job.path("status").asString() + "/"
                                    + job.path("attempts").asInt() + "/"
                                    + job.path("error").asString("");
                            if (seen.isEmpty() || !seen.getLast().equals(state)) {
                                seen.add(state);
                            }
                            return job;
                        },
                        job -> isFinal(job.path("status").asString()));
        long seconds = (System.nanoTime() - started) / 1_000_000_000;

        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.path("attempts").asInt()).isEqualTo(2);
        assertThat(seen)
                .as("running while the provider stalls")
                .anySatisfy(state -> assertThat(state).startsWith("running/1/"));
        assertThat(seen)
                .as("queued for a retry because of the timeout")
                .anySatisfy(state -> assertThat(state).startsWith("queued/1/").contains("timed out"));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(openAi.abandonedStalls())
                        .as("both stalled exchanges were given up by the client")
                        .isEqualTo(2));
        assertThat(count("SELECT count(*) FROM ai_jobs WHERE user_id = '" + customer.id()
                        + "' AND (lease_token IS NOT NULL OR status = 'running')"))
                .as("no lease held, no worker busy")
                .isZero();
        assertThat(count("SELECT count(*) FROM documents WHERE job_id = '" + jobId + "'"))
                .as("one document")
                .isEqualTo(1);
        // The workers are free: another job runs at once on the healthy provider.
        String next = submitDocument(customer, "After the stall");
        JsonNode nextDone = await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> job(customer, next),
                        job -> isFinal(job.path("status").asString()));
        assertThat(nextDone.path("status").asString()).isEqualTo("completed");
        assertThat(nextDone.path("attempts").asInt()).isEqualTo(1);
        long jobsAfter = count("SELECT count(*) FROM ai_jobs");
        System.out.printf(
                "FAULT stalled-llm: 1 job through a stall (no answer, then headers and half a body; timeout %d ms):"
                        + " completed after %d attempts in %d s, stalled exchanges abandoned %d of 2, leases held 0;"
                        + " the user saw %s; then 1 more job completed at once; jobs before %d after %d (the"
                        + " customer's 2: completed %d, documents %d); events incomplete %d; lost 0, duplicated 0%n",
                REQUEST_TIMEOUT.toMillis(),
                done.path("attempts").asInt(),
                seconds,
                openAi.abandonedStalls(),
                seen,
                jobsBefore,
                jobsAfter,
                count("SELECT count(*) FROM ai_jobs WHERE status = 'completed' AND user_id = '" + customer.id() + "'"),
                count("SELECT count(*) FROM documents WHERE job_id IN (SELECT id FROM ai_jobs WHERE user_id = '"
                        + customer.id() + "')"),
                count("SELECT count(*) FROM event_publication WHERE completion_date IS NULL"));
    }

    @Test
    void aProviderFailingOneRequestInFiveStillCompletesTheJobsOnceEach() {
        Session customer = registerOnInstance();
        long jobsBefore = count("SELECT count(*) FROM ai_jobs");
        int firstRequest = openAi.received().size() + 1;
        Map<String, Integer> injected = new ConcurrentHashMap<>();
        provider.set(request -> {
            int n = request.number() - firstRequest + 1;
            if (n % 5 != 0) {
                return answer(request);
            }
            Fault fault = switch ((n / 5) % 4) {
                case 0 -> Fault.status(500, "{\"error\":{\"message\":\"internal error\",\"type\":\"server_error\"}}");
                case 1 ->
                    Fault.status(
                            429,
                            "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}",
                            "Retry-After",
                            "1");
                case 2 -> Fault.status(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}");
                default -> new Fault.Reset();
            };
            injected.merge(fault instanceof Fault.Answer a ? Integer.toString(a.status()) : "reset", 1, Integer::sum);
            return fault;
        });
        MeterRegistry meters = instance.getBean(MeterRegistry.class);
        double retriesBefore = retries(meters);

        long started = System.nanoTime();
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            jobs.add(submitDocument(customer, "Flaky provider " + i));
        }
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> count("SELECT count(*) FROM ai_jobs WHERE user_id = '" + customer.id()
                                + "' AND status IN ('completed', 'failed', 'cancelled')")
                        == 100);
        double seconds = (System.nanoTime() - started) / 1e9;

        long completed =
                count("SELECT count(*) FROM ai_jobs WHERE user_id = '" + customer.id() + "' AND status = 'completed'");
        long failed =
                count("SELECT count(*) FROM ai_jobs WHERE user_id = '" + customer.id() + "' AND status = 'failed'");
        long attempts = count("SELECT coalesce(sum(attempts), 0) FROM ai_jobs WHERE user_id = '" + customer.id() + "'");
        long documents = count("SELECT count(*) FROM documents WHERE job_id IN (SELECT id FROM ai_jobs"
                + " WHERE user_id = '" + customer.id() + "')");
        long duplicated =
                count("SELECT count(*) FROM (SELECT job_id FROM documents GROUP BY job_id" + " HAVING count(*) > 1) d");
        int requests = openAi.received().size() - firstRequest + 1;
        int failures = injected.values().stream().mapToInt(Integer::intValue).sum();
        double retries = retries(meters) - retriesBefore;
        provider.set(LlmFaultIntegrationTests::answer);

        assertThat(completed).as("completed jobs").isGreaterThanOrEqualTo(99);
        assertThat(documents).as("one document per completed job").isEqualTo(completed);
        assertThat(duplicated).isZero();
        assertThat(attempts).as("job attempts").isLessThanOrEqualTo(100L + failures);
        // 4 calls per job (outline, 3 sections) when nothing fails; every failure costs at most one more.
        assertThat(requests).as("provider requests").isLessThanOrEqualTo(400 + 2 * failures);
        System.out.printf(
                "FAULT failing-llm-20pct: 100 document jobs in %.1f s: completed %d, failed %d, documents %d"
                        + " (duplicated %d); provider requests %d, failed on purpose %d %s, call retries %.0f, job"
                        + " attempts %d; jobs before %d after %d; events incomplete %d; lost %d%n",
                seconds,
                completed,
                failed,
                documents,
                duplicated,
                requests,
                failures,
                new java.util.TreeMap<>(injected),
                retries,
                attempts,
                jobsBefore,
                count("SELECT count(*) FROM ai_jobs"),
                count("SELECT count(*) FROM event_publication WHERE completion_date IS NULL"),
                100 - completed - failed);
    }

    // ---- the instance ---------------------------------------------------------------------------

    private Session registerOnInstance() {
        Api.Response response = instanceApi
                .post("/api/auth/register")
                .json(Map.of(
                        "email", "faults-" + UUID.randomUUID() + "@example.test", "password", PASSWORD, "name", "F"))
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return session(response.json());
    }

    private String submitDocument(Session customer, String title) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("documentType", "faq");
        input.put("title", title);
        input.put("audience", "New customers");
        Api.Response response = instanceApi
                .post("/api/ai/jobs")
                .token(customer.accessToken())
                .json(Map.of("type", "document_generation", "input", input))
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.text("id");
    }

    private JsonNode job(Session customer, String id) {
        Api.Response response = instanceApi
                .get("/api/ai/jobs/" + id)
                .token(customer.accessToken())
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static boolean isFinal(String status) {
        return status.equals("completed") || status.equals("failed") || status.equals("cancelled");
    }

    private long count(String sql) {
        return db.sql(sql).query(Long.class).single();
    }

    private static double retries(MeterRegistry meters) {
        return meters.find("miyabi.llm.retries").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    // ---- the provider's answers -----------------------------------------------------------------

    /** A chat completion that fits the schema the request asks for (an outline, else a section). */
    static Fault answer(FaultyHttpServer.Request request) {
        return Fault.ok(completion(request));
    }

    static String completion(FaultyHttpServer.Request request) {
        boolean outline = request.body().contains("\"sections\"");
        ObjectNode content = JSON.createObjectNode();
        if (outline) {
            for (String heading : List.of("Getting started", "Billing", "Support")) {
                content.withArray("sections")
                        .addObject()
                        .put("heading", heading)
                        .put("purpose", "Answers the common questions about " + heading.toLowerCase());
            }
        } else {
            content.put("body", "A short answer that is long enough to be a section of the document.");
        }
        ObjectNode body = JSON.createObjectNode()
                .put("id", "chatcmpl-faults")
                .put("object", "chat.completion")
                .put("created", 1_700_000_000)
                .put("model", "gpt-4o-mini-2024-07-18");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content.toString());
        body.putObject("usage")
                .put("prompt_tokens", 40)
                .put("completion_tokens", 20)
                .put("total_tokens", 60);
        return body.toString();
    }
}
