package dev.miyabi.platform.shared.web;

import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.ErrorCodes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request that got no database connection — every pooled one taken past the request's wait
 * ({@code shared.database.RequestConnectionTimeout}), or the database unreachable — is answered 503
 * with {@code Retry-After}, like any other temporary refusal: it is the server's state, not the
 * request's fault, and trying again shortly is the right thing to do. Controllers' failures reach
 * {@link ApiExceptionHandler}; this filter answers the same for a filter's (the role check of an
 * admin's or approver's token reads the database).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class NoDatabaseConnection extends OncePerRequestFilter {

    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

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
            if (!isCause(e) || response.isCommitted()) {
                throw e;
            }
            ApiException refusal = refusal();
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
            problems.write(
                    response,
                    ProblemResponses.problem(refusal.status(), refusal.code(), refusal.getMessage()),
                    request.getRequestURI());
        }
    }

    /** Whether {@code failure}, or one of its causes, says that no connection could be had. */
    static boolean isCause(@Nullable Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    static ApiException refusal() {
        return new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                ErrorCodes.SERVICE_UNAVAILABLE,
                "The service is busy; try again in a moment",
                List.of(),
                Map.of(),
                RETRY_AFTER);
    }
}
