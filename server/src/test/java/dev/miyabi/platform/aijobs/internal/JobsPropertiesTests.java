package dev.miyabi.platform.aijobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.miyabi.platform.aijobs.JobHandler;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class JobsPropertiesTests {

    @Test
    void defaultsMakeAWorkingQueue() {
        JobsProperties properties = bind(Map.of());

        assertThat(properties).isEqualTo(JobsProperties.defaults());
        assertThat(properties.heartbeatInterval()).isLessThan(properties.leaseDuration());
        assertThat(properties.concurrencyOf("course_generation")).isEqualTo(4);
    }

    @Test
    void environmentVariablesSetWorkersAndPerTypeConcurrency() {
        JobsProperties properties = bind(Map.of(
                "MIYABI_JOBS_WORKERS", "6",
                "MIYABI_JOBS_CONCURRENCY_COURSE_GENERATION", "2",
                "MIYABI_JOBS_CONCURRENCY_DOCUMENT_GENERATION", "50",
                "MIYABI_JOBS_LEASE_DURATION", "2m"));

        assertThat(properties.workers()).isEqualTo(6);
        assertThat(properties.leaseDuration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(properties.concurrencyOf("course_generation")).isEqualTo(2);
        assertThat(properties.concurrencyOf("document_generation")).isEqualTo(6); // never above workers
        assertThat(properties.concurrencyOf("agent_task")).isEqualTo(6);
    }

    @Test
    void twoHandlersForOneTypeAreRefused() {
        JobHandler one = QueueFixture.noOpHandler("course_generation");
        JobHandler two = QueueFixture.noOpHandler("course_generation");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JobHandlers.of(one, two))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Two job handlers for type course_generation");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> JobHandlers.of(QueueFixture.noOpHandler("Course Generation")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("invalid type");
    }

    private static JobsProperties bind(Map<String, Object> environment) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        env.getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        return new Binder(ConfigurationPropertySources.get(env)).bindOrCreate("miyabi.jobs", JobsProperties.class);
    }
}
