package dev.miyabi.platform.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.miyabi.platform.support.CapturedLogs;
import jakarta.servlet.RequestDispatcher;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * A request that fails because PostgreSQL cannot be reached is answered 503 with {@code Retry-After},
 * whether it failed in a controller or in a filter; any other failure stays a 500.
 */
class DatabaseUnavailableTests {

    /** What Hikari throws when no connection comes within its timeout, as a transaction start sees it. */
    private static final Exception NO_CONNECTION = new CannotCreateTransactionException(
            "Could not open JDBC Connection for transaction",
            new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out"));

    /** A connection lost mid-statement: PostgreSQL's driver reports SQLSTATE 08006. */
    private static final Exception CONNECTION_LOST =
            new IllegalStateException("wrapped", new SQLException("An I/O error occurred while sending", "08006"));

    /**
     * A transaction whose connection broke mid-statement: its rollback fails on the closed connection, and
     * that failure (without SQLSTATE) overrides the I/O error.
     */
    private static final Exception ROLLBACK_FAILED = rollbackFailed();

    @Test
    void aControllerThatCannotReachTheDatabaseAnswers503WithRetryAfter() {
        ApiExceptionHandler handler = new ApiExceptionHandler();
        // The pool busy: try again in a second; PostgreSQL unreachable: in five.
        Map<Exception, String> retryAfter = Map.of(
                NO_CONNECTION,
                "1",
                new CannotGetJdbcConnectionException("no connection"),
                "1",
                CONNECTION_LOST,
                "5",
                ROLLBACK_FAILED,
                "5",
                new CannotCreateTransactionException("no connection", new SQLException("refused", "08001")),
                "5");
        for (Map.Entry<Exception, String> expected : retryAfter.entrySet()) {
            Exception failure = expected.getKey();
            ResponseEntity<ProblemDetail> answer =
                    handler.handleUnexpected(failure, new MockHttpServletRequest("GET", "/api/orders"));

            assertThat(answer.getStatusCode().value()).as(failure.toString()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                    .as(failure.toString())
                    .isEqualTo(expected.getValue());
            assertThat(answer.getBody().getProperties()).containsEntry("code", "service_unavailable");
        }
    }

    @Test
    void aFilterThatCannotReachTheDatabaseAnswers503WithRetryAfter() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, NO_CONNECTION);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/orders");

        ResponseEntity<ProblemDetail> answer = new ProblemErrorController().error(request);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(answer.getBody().getProperties()).containsEntry("code", "service_unavailable");
    }

    /** Any other failure is a 500, and logged as an error with its stack trace (kept from the test output). */
    @Test
    void otherFailuresStayInternalErrors() {
        ResponseEntity<ProblemDetail> answer;
        try (CapturedLogs logs = CapturedLogs.of(ApiExceptionHandler.class)) {
            answer = new ApiExceptionHandler()
                    .handleUnexpected(
                            new DataIntegrityViolationException("duplicate key"),
                            new MockHttpServletRequest("POST", "/api/orders"));
            assertThat(logs.withException(Level.ERROR)).singleElement().satisfies(event -> {
                assertThat(event.getFormattedMessage()).isEqualTo("Unhandled error on POST /api/orders");
                assertThat(event.getThrowableProxy().getClassName())
                        .isEqualTo(DataIntegrityViolationException.class.getName());
            });
        }
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("a bug"));

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
        assertThat(new ProblemErrorController().error(request).getStatusCode().value())
                .isEqualTo(500);
    }

    private static Exception rollbackFailed() {
        TransactionSystemException rollback =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(
                new SQLException("An I/O error occurred while sending to the backend", "08006"));
        return rollback;
    }
}
