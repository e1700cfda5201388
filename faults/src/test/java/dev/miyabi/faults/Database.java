package dev.miyabi.faults;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A throwaway database on the machine's PostgreSQL (the host and port of {@code
 * MIYABI_TEST_DATABASE_URL} when set, else 127.0.0.1:5432; user postgres), created for one scenario and
 * dropped after it. The tests read it directly to count what survived a fault.
 */
final class Database implements AutoCloseable {

    private static final String USER = System.getenv().getOrDefault("MIYABI_TEST_DATABASE_USER", "postgres");

    final String name;
    final String host;
    final int port;

    private Database(String name, String host, int port) {
        this.name = name;
        this.host = host;
        this.port = port;
    }

    static Database create(String scenario) {
        String host = "127.0.0.1";
        int port = 5432;
        String configured = System.getenv("MIYABI_TEST_DATABASE_URL");
        if (configured != null && configured.startsWith("jdbc:postgresql://")) {
            URI uri = URI.create(configured.substring("jdbc:".length()));
            host = uri.getHost();
            port = uri.getPort() > 0 ? uri.getPort() : 5432;
        }
        String name = "miyabi_faults_" + scenario + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Database database = new Database(name, host, port);
        try (Connection connection = database.admin();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("The fault suite needs PostgreSQL at " + host + ":" + port, e);
        }
        return database;
    }

    /** The JDBC URL of this database through {@code host:port} (a proxy's, or PostgreSQL's own). */
    String url(String host, int port) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    String url() {
        return url(host, port);
    }

    String user() {
        return USER;
    }

    long count(String sql, Object... params) {
        return ((Number) single(sql, params)).longValue();
    }

    Object single(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        if (rows.size() != 1 || rows.getFirst().size() != 1) {
            throw new IllegalStateException("Not one value: " + sql + " → " + rows);
        }
        return rows.getFirst().values().iterator().next();
    }

    List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection connection = DriverManager.getConnection(url(), USER, "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= columns; c++) {
                        row.put(result.getMetaData().getColumnLabel(c), result.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** {@code status → count} of a {@code SELECT status, count(*) … GROUP BY status} query. */
    Map<String, Long> byStatus(String sql, Object... params) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map<String, Object> row : rows(sql, params)) {
            var values = row.values().iterator();
            counts.put(String.valueOf(values.next()), ((Number) values.next()).longValue());
        }
        return counts;
    }

    /** A PostgreSQL array literal of {@code ids}, for {@code = ANY (?::uuid[])}. */
    static String uuidArray(List<?> ids) {
        return "{" + String.join(",", ids.stream().map(String::valueOf).toList()) + "}";
    }

    private Connection admin() throws SQLException {
        DriverManager.setLoginTimeout(5);
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", USER, "");
    }

    @Override
    public void close() {
        try (Connection connection = admin();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("Could not drop the test database " + name + ": " + e.getMessage());
        }
    }
}
