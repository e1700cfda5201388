package dev.miyabi.platform.shared.web;

import dev.miyabi.platform.shared.ApiException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a filter's failure for want of the database (the role check of an admin's or approver's token reads
 * it) as {@link ApiExceptionHandler} answers a controller's: 503 with {@code Retry-After} ({@link
 * DatabaseUnavailable}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class NoDatabaseConnection extends OncePerRequestFilter {

    private final ProblemResponses problems;

    NoDatabaseConnection(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException e) {
            Optional<ApiException> refusal = DatabaseUnavailable.refusal(e);
            if (refusal.isEmpty() || response.isCommitted()) {
                throw e;
            }
            ApiException answer = refusal.get();
            response.setHeader(
                    HttpHeaders.RETRY_AFTER, Long.toString(answer.retryAfter().toSeconds()));
            problems.write(
                    response,
                    ProblemResponses.problem(answer.status(), answer.code(), answer.getMessage()),
                    request.getRequestURI());
        }
    }
}
