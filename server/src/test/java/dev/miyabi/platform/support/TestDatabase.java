package dev.miyabi.platform.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;

/**
 * The PostgreSQL the tests of this JVM use, in this order of preference:
 *
 * <ol>
 *   <li>{@code MIYABI_TEST_DATABASE_URL} (+ {@code _USER}/{@code _PASSWORD}) — CI creates a fresh database and names it;
 *   <li>a throwaway database created on the local server at 127.0.0.1:5432, so parallel test runs never share
 *       state; it is dropped after the application contexts have closed, and throwaway databases a killed run
 *       left behind are dropped by a later run once they are a day old;
 *   <li>an embedded PostgreSQL in a temporary directory when no server is reachable.
 * </ol>
 *
 * <p>The build runs the tests in two JVMs at once (surefire forks): each has its own database — the second
 * fork a throwaway one beside the configured database — and its own {@link #HOME}.
 */
public final class TestDatabase {

    public record Connection(String url, String user, String password) {}

    /** {@code jdbc:postgresql://host:port} and the database name of a JDBC URL. */
    private static final Pattern SERVER = Pattern.compile("(jdbc:postgresql://[^/]+)/([^?]+)(\\?.*)?");

    /**
     * The application's home directory (signing key, admin credentials) for this JVM's applications: one per
     * surefire fork, shared by the applications a fork starts so that tokens of one are valid on another.
     */
    public static final String HOME = "target/test-home-${miyabi.test.fork:1}";

    private static Connection connection;

    private TestDatabase() {}

    public static synchronized Connection get() {
        if (connection == null) {
            connection = open();
        }
        return connection;
    }

    /**
     * Another throwaway database on the same server, for a test that starts an application of its own and
     * must see only what that application does; dropped like the first one. Where no database can be
     * created there (a configured server without the privilege), an embedded PostgreSQL.
     */
    public static synchronized Connection another() {
        return throwawayBeside(get());
    }

    private static Connection throwawayBeside(Connection first) {
        Matcher url = SERVER.matcher(first.url());
        if (url.matches()) {
            String admin = url.group(1) + "/postgres";
            String name = throwawayName();
            try (java.sql.Connection c = DriverManager.getConnection(admin, first.user(), first.password())) {
                c.createStatement().execute("CREATE DATABASE " + name);
                SpringApplication.getShutdownHandlers().add(() -> drop(admin, first.user(), first.password(), name));
                return new Connection(url.group(1) + "/" + name, first.user(), first.password());
            } catch (SQLException refused) {
                // Fall through to a server of our own.
            }
        }
        return embedded();
    }

    /**
     * Makes the chosen database the application's, as {@code MIYABI_DATABASE_URL} would: set as system
     * properties so they are seen when the environment is prepared.
     */
    public static void exportAsSystemProperties() {
        Connection db = get();
        System.setProperty("miyabi.database.url", db.url());
        System.setProperty("miyabi.database.user", db.user());
        System.setProperty("miyabi.database.password", db.password());
    }

    private static Connection open() {
        String configured = System.getenv("MIYABI_TEST_DATABASE_URL");
        if (configured != null && !configured.isBlank()) {
            Connection given = new Connection(
                    configured, env("MIYABI_TEST_DATABASE_USER", "postgres"), env("MIYABI_TEST_DATABASE_PASSWORD", ""));
            // The first fork takes the configured database; another fork must not share it.
            String fork = System.getProperty("miyabi.test.fork", "1");
            return fork.equals("1") ? given : throwawayBeside(given);
        }
        String server = env("MIYABI_TEST_POSTGRES_SERVER", "127.0.0.1:5432");
        String name = throwawayName();
        String admin = "jdbc:postgresql://" + server + "/postgres";
        try (java.sql.Connection c = DriverManager.getConnection(admin, "postgres", "")) {
            dropStale(c);
            c.createStatement().execute("CREATE DATABASE " + name);
            // Dropped after the application contexts closed (Spring's shutdown handlers run then): a
            // plain JVM hook races their shutdown, which still queries the database.
            SpringApplication.getShutdownHandlers().add(() -> drop(admin, "postgres", "", name));
            return new Connection("jdbc:postgresql://" + server + "/" + name, "postgres", "");
        } catch (SQLException unreachable) {
            return embedded();
        }
    }

    /** A name {@link #dropStale} recognises: the start time, then a random part. */
    private static String throwawayName() {
        return "miyabi_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")) + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    }

    private static void drop(String admin, String user, String password, String name) {
        try (java.sql.Connection c = DriverManager.getConnection(admin, user, password)) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // The server went away first; dropStale() removes the database on a later run.
        }
    }

    /** Drops throwaway databases of runs that started more than a day ago (their name holds the start time). */
    private static void dropStale(java.sql.Connection c) throws SQLException {
        String cutoff = LocalDateTime.now().minusDays(1).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        List<String> stale = new ArrayList<>();
        try (ResultSet rs = c.createStatement()
                .executeQuery("SELECT datname FROM pg_database WHERE datname ~ '^miyabi_test_[0-9]{14}_[0-9a-f]+$'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (name.substring("miyabi_test_".length(), "miyabi_test_".length() + 14)
                                .compareTo(cutoff)
                        < 0) {
                    stale.add(name);
                }
            }
        }
        for (String name : stale) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static Connection embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(Files.createTempDirectory("miyabi-test-pg"))
                    .start();
            SpringApplication.getShutdownHandlers().add(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // The JVM is ending; the temporary directory goes with the machine's cleanup.
                }
            });
            return new Connection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("No PostgreSQL is reachable and the embedded one failed to start", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
