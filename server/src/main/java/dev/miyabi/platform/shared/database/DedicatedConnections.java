package dev.miyabi.platform.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Connections of their own, outside the pool, for what holds one for the instance's lifetime (the realtime
 * listener's {@code LISTEN}, the job notifier's {@code NOTIFY}): they never take a connection requests need.
 */
public final class DedicatedConnections {

    private DedicatedConnections() {}

    /**
     * Opens one with the pool's URL, credentials and driver properties, named {@code applicationName} (as
     * {@code pg_stat_activity} shows it), with TCP keep-alive, a 10 s connect timeout and {@code settings}
     * (pgjdbc properties). A data source that is not Hikari's lends one of its own instead.
     */
    public static Connection open(DataSource dataSource, String applicationName, Map<String, String> settings)
            throws SQLException {
        HikariDataSource hikari = unwrapHikari(dataSource);
        if (hikari == null) {
            return dataSource.getConnection();
        }
        Properties properties = new Properties();
        properties.putAll(hikari.getDataSourceProperties());
        if (hikari.getUsername() != null) {
            properties.setProperty("user", hikari.getUsername());
        }
        if (hikari.getPassword() != null) {
            properties.setProperty("password", hikari.getPassword());
        }
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "10");
        properties.putAll(settings);
        return DriverManager.getConnection(hikari.getJdbcUrl(), properties);
    }

    private static @Nullable HikariDataSource unwrapHikari(DataSource dataSource) throws SQLException {
        if (dataSource instanceof HikariDataSource hikari) {
            return hikari;
        }
        return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
    }
}
