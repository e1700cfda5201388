package dev.miyabi.platform.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import dev.miyabi.platform.shared.MiyabiHome;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The zero-setup database: an embedded PostgreSQL 17 whose data lives in
 * {@code <miyabi.home>/pgdata} and survives restarts. It starts before the connection pool and is
 * stopped after it on shutdown.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(DatabaseEnvironmentPostProcessor.EMBEDDED)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(
            @Value("${miyabi.home:.miyabi}") Path home, @Value("${miyabi.database.embedded-port:0}") int port)
            throws IOException {
        Path data = MiyabiHome.ensure(home).resolve("pgdata").toAbsolutePath();
        stopOrphanedServer(data);
        // Spring stops it after the connection pool closes; a JVM hook of its own would race the pool.
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false);
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL started on port {} with its data in {}", postgres.getPort(), data);
        return postgres;
    }

    /**
     * A JVM that was killed leaves its PostgreSQL running on the data directory; stop it (SIGTERM,
     * a clean shutdown) so this start can take the directory over.
     */
    private static void stopOrphanedServer(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String firstLine =
                Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        if (!firstLine.matches("\\d+")) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(Long.parseLong(firstLine))
                .filter(process -> process.info().command().orElse("").endsWith("postgres"));
        if (orphan.isPresent()) {
            log.warn("Stopping an orphaned embedded PostgreSQL (pid {}) left by an earlier run", firstLine);
            orphan.get().destroy();
            try {
                orphan.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while stopping an orphaned PostgreSQL", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException(
                        "An orphaned PostgreSQL (pid " + firstLine + ") holds " + data + " and did not stop", e);
            }
        }
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("miyabi-embedded");
        return dataSource;
    }
}
