package dev.miyabi.platform.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Bounds how long an HTTP request waits for a pooled connection ({@code
 * miyabi.database.request-connection-timeout}). When every connection is taken — a burst of slow
 * requests, a slow or unreachable PostgreSQL — a request then fails fast and is answered 503 with
 * {@code Retry-After} (see {@code shared.web.ApiExceptionHandler}) instead of 500 after the pool's own
 * 30 s. Work off request threads (jobs, schedulers, event listeners) keeps the pool's timeout.
 */
@Component
class RequestConnectionTimeout implements BeanPostProcessor {

    private final Duration timeout;

    RequestConnectionTimeout(@Value("${miyabi.database.request-connection-timeout:2s}") Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof HikariDataSource hikari ? new RequestBounded(hikari, timeout) : bean;
    }

    /** The pool, with the shorter wait on threads that serve an HTTP request. */
    static final class RequestBounded extends DelegatingDataSource {

        private final HikariDataSource hikari;
        private final long timeoutMillis;

        RequestBounded(HikariDataSource hikari, Duration timeout) {
            super(hikari);
            this.hikari = hikari;
            this.timeoutMillis = timeout.toMillis();
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (RequestContextHolder.getRequestAttributes() != null
                    && hikari.getHikariPoolMXBean() instanceof HikariPool pool
                    && !hikari.isClosed()) {
                return pool.getConnection(timeoutMillis);
            }
            return hikari.getConnection();
        }
    }
}
