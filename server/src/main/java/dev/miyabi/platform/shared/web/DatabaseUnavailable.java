package dev.miyabi.platform.shared.web;

import dev.miyabi.platform.shared.ApiException;
import dev.miyabi.platform.shared.ErrorCodes;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * A request that failed for want of the database, not for what it asked: every pooled connection taken past
 * the request's wait ({@code shared.database.RequestConnectionTimeout}), or PostgreSQL unreachable (no
 * connection, one lost mid-request). It is answered 503 {@code service_unavailable} with {@code Retry-After} —
 * the server's state, which trying again shortly may find healed — instead of 500: by {@link
 * ApiExceptionHandler} for controllers, {@link NoDatabaseConnection} for filters and {@link
 * ProblemErrorController} for what reaches the error page.
 */
final class DatabaseUnavailable {

    private DatabaseUnavailable() {}

    /** The 503 for {@code failure}, when it means no database; empty for any other failure. */
    static Optional<ApiException> refusal(@Nullable Throwable failure) {
        if (!causedBy(failure)) {
            return Optional.empty();
        }
        return Optional.of(
                unreachable(failure)
                        // A failover or a network cut usually heals within seconds.
                        ? refusal("The database cannot be reached right now; retry shortly", Duration.ofSeconds(5))
                        : refusal("The service is busy; try again in a moment", Duration.ofSeconds(1)));
    }

    private static ApiException refusal(String detail, Duration retryAfter) {
        return new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                ErrorCodes.SERVICE_UNAVAILABLE,
                detail,
                List.of(),
                Map.of(),
                retryAfter);
    }

    static boolean causedBy(@Nullable Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException
                    || connectionError(t)) {
                return true;
            }
            // A rollback on the broken connection failed too: the failure that counts is the one it overrode.
            if (t instanceof TransactionSystemException rollback && causedBy(rollback.getApplicationException())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Whether PostgreSQL itself failed (a connection error somewhere in the chain), not just the pool. */
    private static boolean unreachable(@Nullable Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (connectionError(t)
                    || (t instanceof TransactionSystemException rollback
                            && unreachable(rollback.getApplicationException()))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** SQLSTATE class 08: connection exceptions (refused, broken, I/O error mid-statement). */
    private static boolean connectionError(Throwable t) {
        return t instanceof SQLException sql
                && sql.getSQLState() != null
                && sql.getSQLState().startsWith("08");
    }
}
