package dev.miyabi.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/cloud-run/service.yaml, read with fabric8's Knative serving model. */
class CloudRunServiceTests {

    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|PRIVATE_KEY|API_KEY|TOKEN).*");
    /** Cloud Run kills a container this long after SIGTERM. */
    private static final Duration CLOUD_RUN_GRACE = Duration.ofSeconds(10);

    private final Service service = Manifests.parse(Repository.read("deploy/cloud-run/service.yaml"), Service.class);
    private final Container container =
            service.getSpec().getTemplate().getSpec().getContainers().getFirst();

    @Test
    void shouldBeAKnativeServiceWithNoFieldTheModelDoesNotKnow() {
        assertThat(service.getApiVersion()).isEqualTo("serving.knative.dev/v1");
        assertThat(service.getKind()).isEqualTo("Service");
        assertThat(Manifests.unknownFields(service)).isEmpty();
        assertThat(service.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
        assertThat(container.getImage()).contains("/miyabi/");
    }

    @Test
    void shouldKeepInstancesAndTheirCpuForTheWorkersAndTheListenConnection() {
        Map<String, String> annotations =
                service.getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(Integer.parseInt(annotations.get("autoscaling.knative.dev/minScale")))
                .isGreaterThanOrEqualTo(1);
        assertThat(Integer.parseInt(annotations.get("autoscaling.knative.dev/maxScale")))
                .isGreaterThanOrEqualTo(Integer.parseInt(annotations.get("autoscaling.knative.dev/minScale")));
        assertThat(annotations).containsEntry("run.googleapis.com/cpu-throttling", "false");
        assertThat(service.getSpec().getTemplate().getSpec().getContainerConcurrency())
                .isPositive();
        assertThat(service.getSpec().getTemplate().getSpec().getTimeoutSeconds())
                .as("WebSockets live as long as a request may")
                .isGreaterThanOrEqualTo(600);
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
    }

    @Test
    void shouldProbeRealActuatorPathsOnTheContainerPort() {
        int port = container.getPorts().getFirst().getContainerPort();
        assertThat(port).isEqualTo(Integer.parseInt(ServerSettings.readmeDefault("PORT")));
        for (var probe :
                new io.fabric8.kubernetes.api.model.Probe[] {container.getStartupProbe(), container.getLivenessProbe()
                }) {
            assertThat(probe).isNotNull();
            assertThat(ServerSettings.actuatorPaths())
                    .contains(probe.getHttpGet().getPath());
            assertThat(probe.getHttpGet().getPort().getIntVal()).isEqualTo(port);
        }
    }

    @Test
    void shouldSetOnlyVariablesTheServerReadsAndTakeSecretsFromSecretManager() {
        assertThat(container.getEnv())
                .extracting(EnvVar::getName)
                .doesNotContain("PORT")
                .contains("MIYABI_DATABASE_URL", "MIYABI_JWT_PRIVATE_KEY")
                .allSatisfy(
                        name -> assertThat(ServerSettings.reads(name)).as(name).isTrue());
        assertThat(container.getEnv())
                .filteredOn(env -> SECRET_NAME.matcher(env.getName()).matches())
                .isNotEmpty()
                .allSatisfy(env -> {
                    assertThat(env.getValue()).as(env.getName()).isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("latest");
                });
    }

    @Test
    void shouldFinishShuttingDownBeforeCloudRunKillsTheContainer() {
        Duration jobs = ServerSettings.duration(value("MIYABI_JOBS_SHUTDOWN_TIMEOUT"));
        Duration requests = ServerSettings.duration(value("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE"));
        assertThat(jobs.plus(requests).plusSeconds(1)).isLessThanOrEqualTo(CLOUD_RUN_GRACE);
    }

    private String value(String name) {
        return container.getEnv().stream()
                .filter(env -> env.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not set"))
                .getValue();
    }
}
