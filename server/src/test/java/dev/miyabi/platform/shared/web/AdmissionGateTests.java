package dev.miyabi.platform.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admission gate on its own: API reads past the limit are let in in the order they arrived, a read that
 * waits past the queue timeout is 503 with {@code Retry-After}, and what is not an API read never waits.
 */
class AdmissionGateTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private AdmissionGate gate(int limit, Duration queueTimeout) {
        return new AdmissionGate(
                limit,
                20,
                queueTimeout,
                new ProblemResponses(json),
                meters,
                List.of(new UngatedRead("/api/products/{id}")));
    }

    private double queued() {
        return meters.get("miyabi.http.requests.queued").gauge().value();
    }

    private static MockHttpServletRequest request(String method, String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setRequestURI(uri);
        return request;
    }

    /** A read that takes the gate's one turn and holds it until {@code release}; returns once it has it. */
    private static Future<?> takeTheTurn(ExecutorService threads, AdmissionGate gate, CountDownLatch release)
            throws InterruptedException {
        CountDownLatch in = new CountDownLatch(1);
        Future<?> holder = threads.submit(() -> {
            gate.doFilter(request("GET", "/api/orders"), new MockHttpServletResponse(), (req, res) -> {
                in.countDown();
                hold(release);
            });
            return null;
        });
        assertThat(in.await(10, TimeUnit.SECONDS)).isTrue();
        return holder;
    }

    private static void hold(CountDownLatch release) {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void readsPastTheLimitAreLetInInArrivalOrder() throws Exception {
        AdmissionGate gate = gate(1, Duration.ofSeconds(30));
        CountDownLatch releaseFirst = new CountDownLatch(1);
        Queue<String> admitted = new ConcurrentLinkedQueue<>();
        List<Future<MockHttpServletResponse>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            answers.add(threads.submit(() -> {
                MockHttpServletResponse response = new MockHttpServletResponse();
                gate.doFilter(request("GET", "/api/products"), response, (req, res) -> {
                    admitted.add("first");
                    hold(releaseFirst);
                });
                return response;
            }));
            await().atMost(Duration.ofSeconds(10)).until(() -> admitted.contains("first"));
            for (int i = 1; i <= 6; i++) {
                String name = "waiter-" + i;
                answers.add(threads.submit(() -> {
                    MockHttpServletResponse response = new MockHttpServletResponse();
                    gate.doFilter(request("GET", "/api/orders/" + name), response, (req, res) -> admitted.add(name));
                    return response;
                }));
                // The next one arrives only once this one waits.
                int waiting = i;
                await().atMost(Duration.ofSeconds(10)).until(() -> queued() == waiting);
            }
            assertThat(admitted).containsExactly("first");
            releaseFirst.countDown();
            for (Future<MockHttpServletResponse> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
            }
        }
        assertThat(admitted)
                .containsExactly("first", "waiter-1", "waiter-2", "waiter-3", "waiter-4", "waiter-5", "waiter-6");
        assertThat(queued()).isZero();
    }

    @Test
    void aReadThatWaitsPastTheQueueTimeoutIs503WithRetryAfter() throws Exception {
        AdmissionGate gate = gate(1, Duration.ofMillis(300));
        CountDownLatch releaseFirst = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> first = takeTheTurn(threads, gate, releaseFirst);

            MockHttpServletResponse refused = new MockHttpServletResponse();
            List<String> reached = new ArrayList<>();
            long started = System.nanoTime();
            gate.doFilter(request("GET", "/api/orders"), refused, (req, res) -> reached.add("chain"));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(reached).isEmpty();
            assertThat(waited).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
            assertThat(refused.getStatus()).isEqualTo(503);
            assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
            assertThat(refused.getContentType()).startsWith("application/problem+json");
            JsonNode body = json.readTree(refused.getContentAsString());
            assertThat(body.path("code").asString()).isEqualTo("service_unavailable");
            assertThat(body.path("status").asInt()).isEqualTo(503);
            assertThat(body.path("instance").asString()).isEqualTo("/api/orders");

            releaseFirst.countDown();
            first.get(10, TimeUnit.SECONDS);
        }
        // The turn given back, the next read goes straight in.
        MockHttpServletResponse next = new MockHttpServletResponse();
        List<String> reached = new ArrayList<>();
        gate.doFilter(request("GET", "/api/orders"), next, (req, res) -> reached.add("chain"));
        assertThat(reached).containsExactly("chain");
    }

    @Test
    void onlyApiReadsWait() throws Exception {
        AdmissionGate gate = gate(1, Duration.ofSeconds(30));
        CountDownLatch releaseFirst = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            takeTheTurn(threads, gate, releaseFirst);
            try {
                for (MockHttpServletRequest request : List.of(
                        request("GET", "/actuator/health/readiness"),
                        request("GET", "/actuator/prometheus"),
                        request("GET", "/ws"),
                        request("GET", "/"),
                        request("GET", "/assets/index.js"),
                        request("GET", "/apis"),
                        request("GET", "/api/products/5b1d0a8e-7f0c-4a43-9d38-1f8ef1f36c2e"),
                        request("POST", "/api/orders"),
                        request("POST", "/api/search/answers"),
                        request("PUT", "/api/products/1"),
                        request("DELETE", "/api/products/1"),
                        request("OPTIONS", "/api/products"))) {
                    List<String> reached = new ArrayList<>();
                    FilterChain chain = (req, res) -> reached.add("chain");
                    long started = System.nanoTime();
                    gate.doFilter(request, new MockHttpServletResponse(), chain);
                    assertThat(reached)
                            .as(request.getMethod() + " " + request.getRequestURI())
                            .containsExactly("chain");
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
                }
            } finally {
                releaseFirst.countDown();
            }
        }
    }

    @Test
    void theDefaultIsTwiceThePool() {
        assertThat(AdmissionGate.defaultLimit(20)).isEqualTo(40);
        assertThat(AdmissionGate.defaultLimit(10)).isEqualTo(20);
    }
}
