package dev.miyabi.platform.support;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Exhausts a connection pool for tests of what happens when no connection is free. */
public final class HeldConnections {

    private HeldConnections() {}

    /** Takes every connection of the pool (the idle ones, and opens the rest), straight from Hikari. */
    public static List<Connection> holdEvery(HikariDataSource hikari) throws SQLException {
        HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
        List<Connection> held = new ArrayList<>();
        try {
            while (pool.getTotalConnections() < hikari.getMaximumPoolSize() || pool.getIdleConnections() > 0) {
                held.add(hikari.getConnection());
            }
        } catch (SQLException | RuntimeException e) {
            for (Connection connection : held) {
                connection.close();
            }
            throw e;
        }
        return held;
    }
}
