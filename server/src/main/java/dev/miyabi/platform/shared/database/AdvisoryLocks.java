package dev.miyabi.platform.shared.database;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL advisory locks: how instances sharing one database take turns on something that is
 * not a row (a bootstrap step, an account's sign-in attempts).
 */
public final class AdvisoryLocks {

    private AdvisoryLocks() {}

    /** Waits for the lock named {@code key}; it is held until the current transaction ends. */
    public static void lockForTransaction(JdbcClient jdbc, String key) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", key)
                .query((rs, row) -> 1)
                .list();
    }
}
