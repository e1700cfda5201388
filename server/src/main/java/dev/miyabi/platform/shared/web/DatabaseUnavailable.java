package dev.miyabi.platform.shared.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises a failure that means PostgreSQL cannot be reached (no connection within the pool's timeout,
 * a connection lost mid-request): the request did not fail for what it asked, so it is answered 503 with
 * {@code Retry-After} — like an overloaded instance — instead of 500.
 */
final class DatabaseUnavailable {

    /** When a client should try again: a failover or a network cut usually heals within seconds. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    static final String DETAIL = "The database cannot be reached right now; retry shortly";

    private DatabaseUnavailable() {}

    static boolean causedBy(@Nullable Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException) {
                return true;
            }
            // SQLSTATE class 08: connection exceptions (refused, broken, I/O error mid-statement).
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
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
}
