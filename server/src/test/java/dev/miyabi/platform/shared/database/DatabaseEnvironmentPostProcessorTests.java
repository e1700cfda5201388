package dev.miyabi.platform.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class DatabaseEnvironmentPostProcessorTests {

    private final DatabaseEnvironmentPostProcessor processor = new DatabaseEnvironmentPostProcessor();

    @Test
    void miyabiDatabaseUrlWinsAndTurnsEmbeddedAndDemoOff() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("miyabi.database.url", "jdbc:postgresql://db:5432/miyabi")
                .withProperty("miyabi.database.user", "app")
                .withProperty("miyabi.database.password", "secret")
                .withProperty("spring.datasource.url", "jdbc:postgresql://other/other");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db:5432/miyabi");
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("app");
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("secret");
        assertThat(environment.getProperty("miyabi.database.embedded")).isEqualTo("false");
        assertThat(environment.getProperty("miyabi.demo.enabled")).isEqualTo("false");
    }

    @Test
    void standardSpringPropertiesAreUsedAsGiven() {
        MockEnvironment environment =
                new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://x/y");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://x/y");
        assertThat(environment.getProperty("miyabi.database.embedded")).isEqualTo("false");
    }

    @Test
    void nothingConfiguredMeansEmbeddedWithTheDemoCatalog() {
        MockEnvironment environment = new MockEnvironment();

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("miyabi.database.embedded")).isEqualTo("true");
        assertThat(environment.getProperty("miyabi.demo.enabled")).isEqualTo("true");
    }

    @Test
    void theDemoCatalogCanBeSwitchedOffExplicitly() {
        MockEnvironment environment = new MockEnvironment().withProperty("miyabi.demo.enabled", "false");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("miyabi.demo.enabled")).isEqualTo("false");
    }

    @Test
    void herokuStyleUrlsBecomeJdbcUrls() {
        Map<String, Object> jdbc =
                DatabaseEnvironmentPostProcessor.toJdbc("postgres://app:p%40ss@db.example.com/miyabi?sslmode=require");

        assertThat(jdbc)
                .containsEntry("spring.datasource.url", "jdbc:postgresql://db.example.com:5432/miyabi?sslmode=require")
                .containsEntry("spring.datasource.username", "app")
                .containsEntry("spring.datasource.password", "p@ss");
    }

    @Test
    void otherUrlsAreRefusedAtStart() {
        assertThatThrownBy(() -> DatabaseEnvironmentPostProcessor.toJdbc("mysql://db/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MIYABI_DATABASE_URL");
    }
}
