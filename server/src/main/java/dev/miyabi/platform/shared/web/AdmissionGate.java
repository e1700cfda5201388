package dev.miyabi.platform.shared.web;

import dev.miyabi.platform.shared.ErrorCodes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * First come, first served for the API's reads under load ({@code miyabi.http.max-concurrent-requests}, {@code
 * miyabi.http.queue-timeout}). At most that many {@code GET}/{@code HEAD} requests under {@code /api/} are in
 * progress at once; the others wait in arrival order, each at most the queue timeout, then are answered 503
 * {@code service_unavailable} with {@code Retry-After}, as when no pooled connection comes in time ({@link
 * DatabaseUnavailable}).
 *
 * <p>Without it, a thousand clients' requests all run at once: they share two cores and wait for one of the
 * pool's connections, and the pool hands a freed connection to whoever asks at that moment, not to the
 * longest waiter. The mean wait is the same either way (clients ÷ throughput), but unordered some requests
 * wait several times the mean and pass the pool's 2 s. In order, every request waits about the mean.
 *
 * <p>Reads served from memory ({@link UngatedRead}: a product by id, from {@code catalog}'s cache) need no
 * turn: they share one pooled connection between hundreds of them, and a turn would cap how many a read of
 * it serves (measured: fewer answers per second and 503s at 1 000 connections with it).
 *
 * <p>Only reads: writes may wait on other things than the database and the CPU (Argon2's own queue at sign-in,
 * an LLM answering a question, a 10 MiB upload), and a request holding a turn while it waits on those would
 * hold up every read. Health, metrics, {@code /ws} and the web UI are outside {@code /api/} and never wait
 * here. The gate runs after Spring Security, so a request without a valid token is still 401 at once, and
 * CORS headers are on a refusal too. A request that turns asynchronous gives its turn back when its first
 * part returns. {@code miyabi_http_requests_queued} shows how many wait.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1)
class AdmissionGate extends OncePerRequestFilter {

    private final Semaphore turns;
    private final long timeoutNanos;
    private final ProblemResponses problems;
    private final List<PathPattern> ungated;

    AdmissionGate(
            @Value("${miyabi.http.max-concurrent-requests:#{null}}") @Nullable Integer maxConcurrentRequests,
            @Value("${spring.datasource.hikari.maximum-pool-size:20}") int poolSize,
            @Value("${miyabi.http.queue-timeout:2s}") Duration queueTimeout,
            ProblemResponses problems,
            MeterRegistry meters,
            List<UngatedRead> ungatedReads) {
        int limit = maxConcurrentRequests != null ? maxConcurrentRequests : defaultLimit(poolSize);
        if (limit < 1) {
            throw new IllegalArgumentException("miyabi.http.max-concurrent-requests must be at least 1, not " + limit);
        }
        this.turns = new Semaphore(limit, true);
        this.timeoutNanos = queueTimeout.toNanos();
        this.problems = problems;
        this.ungated = ungatedReads.stream()
                .map(read -> PathPatternParser.defaultInstance.parse(read.pattern()))
                .toList();
        Gauge.builder("miyabi.http.requests.queued", turns, Semaphore::getQueueLength)
                .description("API reads waiting for their turn (miyabi.http.max-concurrent-requests)")
                .register(meters);
    }

    /** Twice the pool: enough for the CPU to stay busy while requests wait on PostgreSQL's answers. */
    static int defaultLimit(int poolSize) {
        return 2 * Math.max(1, poolSize);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return true;
        }
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        if (!(uri.startsWith(context) && uri.startsWith("/api/", context.length()))) {
            return true;
        }
        if (ungated.isEmpty()) {
            return false;
        }
        PathContainer path = PathContainer.parsePath(uri.substring(context.length()));
        for (PathPattern pattern : ungated) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = turns.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problems.write(
                    response,
                    ProblemResponses.problem(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            ErrorCodes.SERVICE_UNAVAILABLE,
                            "The service is busy; try again in a moment"),
                    request.getRequestURI());
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            turns.release();
        }
    }
}
