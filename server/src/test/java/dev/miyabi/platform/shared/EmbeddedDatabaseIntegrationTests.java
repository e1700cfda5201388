package dev.miyabi.platform.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.MiyabiApplication;
import dev.miyabi.platform.support.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The zero-setup path: no database configured → an embedded PostgreSQL in {@code <home>/pgdata},
 * a generated admin password written once, a demo catalog, and data kept across restarts.
 */
class EmbeddedDatabaseIntegrationTests {

    @TempDir
    Path home;

    @Test
    void runsOnEmbeddedPostgresAndKeepsEverythingAcrossARestart() throws Exception {
        String customerEmail = "kept@example.test";
        String adminPassword;
        String credentials;
        try (ConfigurableApplicationContext first = start()) {
            Api api = new Api(port(first));
            assertThat(api.get("/actuator/health").send().text("status")).isEqualTo("UP");
            assertThat(first.getEnvironment().getProperty("miyabi.database.embedded"))
                    .isEqualTo("true");

            Path file = home.resolve("admin-credentials");
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            credentials = Files.readString(file);
            Properties parsed = new Properties();
            parsed.load(new java.io.StringReader(credentials));
            adminPassword = parsed.getProperty("password");
            assertThat(adminPassword).hasSizeGreaterThanOrEqualTo(20);
            assertThat(login(api, "admin@miyabi.local", adminPassword)).isEqualTo(200);
            assertThat(api.post("/api/auth/register")
                            .json(Map.of("email", customerEmail, "password", "kept password", "name", "Kept"))
                            .send()
                            .status())
                    .isEqualTo(201);

            JdbcClient jdbc = first.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT count(*) FROM products")
                            .query(Long.class)
                            .single())
                    .isGreaterThanOrEqualTo(8);
            assertThat(jdbc.sql("SELECT count(DISTINCT category) FROM products WHERE status = 'active'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(5);
        }
        assertThat(home.resolve("pgdata/postmaster.pid"))
                .as("PostgreSQL stopped with the application")
                .doesNotExist();

        try (ConfigurableApplicationContext second = start()) {
            Api api = new Api(port(second));
            assertThat(login(api, customerEmail, "kept password")).isEqualTo(200);
            assertThat(login(api, "admin@miyabi.local", adminPassword)).isEqualTo(200);
            assertThat(Files.readString(home.resolve("admin-credentials"))).isEqualTo(credentials);
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT count(*) FROM users WHERE 'admin' = ANY(roles)")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            assertThat(jdbc.sql("SELECT count(*) FROM products")
                            .query(Long.class)
                            .single())
                    .as("the demo catalog is seeded once")
                    .isEqualTo(10);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(MiyabiApplication.class)
                .run(
                        "--server.port=0",
                        "--miyabi.home=" + home,
                        // Other tests in this JVM point the application at the test server; not this one.
                        "--miyabi.database.url=",
                        "--spring.datasource.url=");
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static int login(Api api, String email, String password) {
        return api.post("/api/auth/login")
                .json(Map.of("email", email, "password", password))
                .send()
                .status();
    }
}
