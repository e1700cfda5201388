package dev.miyabi.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kustomize base and production overlay, read with fabric8's Kubernetes model: the base as its
 * files say, the overlay as {@code kubectl kustomize} renders it (where kubectl is installed, as on
 * the project's machines). Both must be deployable as {@link #assertDeployable} describes.
 */
class KubernetesManifestTests {

    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|PRIVATE_KEY|API_KEY|TOKEN).*");
    /** PostgreSQL's default max_connections (100) less superuser and maintenance headroom. */
    private static final int CONNECTION_BUDGET = 90;

    /** The resources a rendering yields, with the settings its ConfigMap and Secret hold. */
    record Rendered(
            Deployment deployment,
            Service service,
            Ingress ingress,
            HorizontalPodAutoscaler autoscaler,
            PodDisruptionBudget disruptionBudget,
            String configMapName,
            Map<String, String> config,
            String secretName,
            Set<String> secretKeys) {}

    @Test
    void shouldParseEveryManifestWithTheKubernetesModelAndNoUnknownField() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Repository.path("deploy/kubernetes"))) {
            files = walk.filter(file -> file.toString().endsWith(".yaml"))
                    .filter(file -> !file.getFileName().toString().equals("kustomization.yaml"))
                    .sorted()
                    .toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        for (Path file : files) {
            List<HasMetadata> resources = Manifests.parse(Files.readString(file));
            assertThat(resources).as(file.toString()).isNotEmpty();
            for (HasMetadata resource : resources) {
                assertThat(resource.getClass().getPackageName())
                        .as("%s is typed by the model", file)
                        .doesNotContain("GenericKubernetesResource");
                assertThat(Manifests.unknownFields(resource))
                        .as("fields the Kubernetes model does not know in %s", file)
                        .isEmpty();
            }
        }
    }

    @Test
    void shouldMakeTheBaseDeployable() {
        assertDeployable(base());
    }

    @Test
    void shouldRenderTheProductionOverlayDeployable(@TempDir Path work) {
        var kubectl = Manifests.kubectl();
        assumeTrue(kubectl.isPresent(), "kubectl (kustomize) is not installed: the overlay is not rendered");
        Rendered production = rendered(Manifests.renderProduction(kubectl.get(), work));

        assertDeployable(production);
        assertThat(production.deployment().getSpec().getReplicas()).isEqualTo(3);
        assertThat(production.autoscaler().getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(container(production.deployment()).getImage())
                .as("the overlay names a real image")
                .contains("/")
                .contains(":");
        assertThat(production.deployment().getMetadata().getNamespace()).isEqualTo("miyabi");
        assertThat(production.ingress().getSpec().getTls()).isNotEmpty();
        assertThat(production.config())
                .containsKey("MIYABI_DATABASE_URL")
                .containsEntry("MIYABI_PAYMENTS_PROVIDER", "stripe")
                .containsEntry("MIYABI_DEMO_ENABLED", "false");
        assertThat(production.secretKeys())
                .as("the JWT key every replica shares, and the database credentials")
                .contains("MIYABI_JWT_PRIVATE_KEY", "MIYABI_DATABASE_USER", "MIYABI_DATABASE_PASSWORD");
        assertThat(production.configMapName())
                .as("generated, so a change rolls the pods")
                .matches("miyabi-config-.+");
        assertThat(production.secretName()).matches("miyabi-secrets-.+");
    }

    @Test
    void shouldGiveEverySettingOfTheReadmeItsPlaceInTheConfigMapOrTheSecret() {
        Set<String> names = new LinkedHashSet<>();
        names.addAll(EnvFile.read("deploy/kubernetes/base/config.env").names());
        names.addAll(
                EnvFile.read("deploy/kubernetes/overlays/production/config.env").names());
        names.addAll(secretKeys());

        List<String> missing = ServerSettings.readmeSettings().stream()
                .filter(setting -> names.stream().noneMatch(setting.name()))
                .map(ServerSettings.Setting::label)
                .toList();
        assertThat(missing)
                .as("README settings absent from config.env and the secret")
                .isEmpty();
        assertThat(names)
                .as("names the server does not read")
                .allSatisfy(
                        name -> assertThat(ServerSettings.reads(name)).as(name).isTrue());
    }

    /** What any rendering must hold to run the server as intended. */
    static void assertDeployable(Rendered r) {
        Deployment deployment = r.deployment();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = container(deployment);
        Map<String, String> podLabels =
                deployment.getSpec().getTemplate().getMetadata().getLabels();
        Dockerfile dockerfile = Dockerfile.read();

        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(deployment
                        .getSpec()
                        .getStrategy()
                        .getRollingUpdate()
                        .getMaxUnavailable()
                        .getIntVal())
                .as("old pods keep serving while the first new pod migrates")
                .isZero();

        // The port the server listens on ($PORT) is the port the probes and the Service use.
        assertThat(container.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort())
                    .isEqualTo(Integer.parseInt(r.config().get("PORT")));
            assertThat(dockerfile.runtime().last("EXPOSE").orElseThrow().arguments())
                    .isEqualTo(r.config().get("PORT"));
        });

        Set<String> actuator = ServerSettings.actuatorPaths();
        assertProbe(container.getStartupProbe(), actuator, "/actuator/health/liveness");
        assertProbe(container.getLivenessProbe(), actuator, "/actuator/health/liveness");
        assertProbe(container.getReadinessProbe(), actuator, "/actuator/health/readiness");
        Probe startup = container.getStartupProbe();
        assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold())
                .as("seconds a pod may take to migrate and start")
                .isGreaterThanOrEqualTo(120);

        // Configuration: only what the server reads; no secret in the ConfigMap.
        assertThat(container.getEnvFrom())
                .extracting(EnvFromSource::getConfigMapRef)
                .filteredOn(ref -> ref != null)
                .singleElement()
                .satisfies(ref -> assertThat(ref.getName()).isEqualTo(r.configMapName()));
        assertThat(container.getEnvFrom())
                .extracting(EnvFromSource::getSecretRef)
                .filteredOn(ref -> ref != null)
                .singleElement()
                .satisfies(ref -> assertThat(ref.getName()).isEqualTo(r.secretName()));
        List<String> variables = new ArrayList<>(r.config().keySet());
        variables.addAll(r.secretKeys());
        if (container.getEnv() != null) {
            container.getEnv().stream().map(EnvVar::getName).forEach(variables::add);
        }
        assertThat(variables)
                .as("every variable set is one the server reads")
                .allSatisfy(
                        name -> assertThat(ServerSettings.reads(name)).as(name).isTrue());
        assertThat(r.config().keySet())
                .noneMatch(name -> SECRET_NAME.matcher(name).matches());

        // Non-root, as the image's USER, with a read-only root file system.
        String imageUser =
                dockerfile.runtime().last("USER").orElseThrow().arguments().split(":")[0];
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser())
                .isEqualTo(Long.parseLong(imageUser))
                .isNotZero();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
        assertThat(container.getVolumeMounts())
                .extracting(VolumeMount::getMountPath)
                .as("writable: the JVM's temp files and MIYABI_HOME")
                .contains("/tmp", r.config().get("MIYABI_HOME"));
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();

        // Resources.
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKey("memory");

        // Shutdown: preStop, then the job drain, then the request drain, inside the grace period.
        Duration preStop = Duration.ofSeconds(
                container.getLifecycle().getPreStop().getSleep().getSeconds());
        Duration jobs = ServerSettings.duration(r.config()
                .getOrDefault(
                        "MIYABI_JOBS_SHUTDOWN_TIMEOUT", ServerSettings.readmeDefault("MIYABI_JOBS_SHUTDOWN_TIMEOUT")));
        Duration requests = r.config().containsKey("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE")
                ? ServerSettings.duration(r.config().get("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE"))
                : ServerSettings.lifecyclePhaseTimeout();
        assertThat(preStop).isPositive();
        assertThat(Duration.ofSeconds(pod.getTerminationGracePeriodSeconds()))
                .as(
                        "terminationGracePeriodSeconds covers preStop %s + jobs %s + requests %s + 5 s",
                        preStop, jobs, requests)
                .isGreaterThanOrEqualTo(preStop.plus(jobs).plus(requests).plusSeconds(5));

        // Service, Ingress, autoscaling and disruptions point at these pods.
        Service service = r.service();
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getSessionAffinity()).isEqualTo("None");
        assertThat(service.getSpec().getPorts())
                .singleElement()
                .satisfies(port -> assertThat(port.getTargetPort().getStrVal()).isEqualTo("http"));
        IngressBackend backend = r.ingress()
                .getSpec()
                .getRules()
                .getFirst()
                .getHttp()
                .getPaths()
                .getFirst()
                .getBackend();
        assertThat(backend.getService().getName())
                .isEqualTo(service.getMetadata().getName());
        assertThat(backend.getService().getPort().getName())
                .isEqualTo(service.getSpec().getPorts().getFirst().getName());
        Map<String, String> ingressAnnotations = r.ingress().getMetadata().getAnnotations();
        assertThat(ingressAnnotations.keySet()).as("sticky-free").noneMatch(key -> key.contains("affinity"));
        assertThat(Integer.parseInt(ingressAnnotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout")))
                .as("idle WebSockets outlive the 25 s heartbeat")
                .isGreaterThan(60);
        assertThat(podLabels)
                .containsAllEntriesOf(
                        r.disruptionBudget().getSpec().getSelector().getMatchLabels());
        HorizontalPodAutoscaler autoscaler = r.autoscaler();
        assertThat(autoscaler.getSpec().getScaleTargetRef().getName())
                .isEqualTo(deployment.getMetadata().getName());
        assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(autoscaler.getSpec().getMetrics())
                .anySatisfy(metric -> assertThat(metric.getResource().getName()).isEqualTo("cpu"));

        // Connections: every pod (and the surge pod of a rollout) holds its pool and three of its own (the realtime
        // and the job queue's LISTEN connections, the job notifier's).
        int pool = Integer.parseInt(r.config()
                .getOrDefault("MIYABI_DATABASE_POOL_SIZE", ServerSettings.readmeDefault("MIYABI_DATABASE_POOL_SIZE")));
        int pods = autoscaler.getSpec().getMaxReplicas()
                + deployment
                        .getSpec()
                        .getStrategy()
                        .getRollingUpdate()
                        .getMaxSurge()
                        .getIntVal();
        assertThat(pods * (pool + 3)).as("database connections at most").isLessThanOrEqualTo(CONNECTION_BUDGET);
    }

    private static void assertProbe(Probe probe, Set<String> actuator, String path) {
        assertThat(probe).as("probe on %s", path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(actuator).as("paths the server exposes").contains(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    /** The base from its files, with the ConfigMap its generator makes and the overlay's secret keys. */
    static Rendered base() {
        List<HasMetadata> resources = new ArrayList<>();
        for (String file : List.of("deployment", "service", "ingress", "hpa", "pdb")) {
            resources.addAll(Manifests.parse(Repository.read("deploy/kubernetes/base/" + file + ".yaml")));
        }
        return of(
                resources,
                "miyabi-config",
                EnvFile.read("deploy/kubernetes/base/config.env").values(),
                "miyabi-secrets",
                secretKeys());
    }

    static Rendered rendered(List<HasMetadata> resources) {
        ConfigMap config = Manifests.only(resources, ConfigMap.class);
        Secret secret = Manifests.only(resources, Secret.class);
        Set<String> secretKeys = new LinkedHashSet<>();
        if (secret.getData() != null) {
            secretKeys.addAll(secret.getData().keySet());
        }
        if (secret.getStringData() != null) {
            secretKeys.addAll(secret.getStringData().keySet());
        }
        return of(
                resources,
                config.getMetadata().getName(),
                new LinkedHashMap<>(config.getData()),
                secret.getMetadata().getName(),
                secretKeys);
    }

    private static Rendered of(
            List<HasMetadata> resources,
            String configMapName,
            Map<String, String> config,
            String secretName,
            Set<String> secretKeys) {
        return new Rendered(
                Manifests.only(resources, Deployment.class),
                Manifests.only(resources, Service.class),
                Manifests.only(resources, Ingress.class),
                Manifests.only(resources, HorizontalPodAutoscaler.class),
                Manifests.only(resources, PodDisruptionBudget.class),
                configMapName,
                config,
                secretName,
                secretKeys);
    }

    /** The keys of the production secret: secrets.env.example's and the generator's files. */
    @SuppressWarnings("unchecked")
    static Set<String> secretKeys() {
        Set<String> keys = new LinkedHashSet<>(EnvFile.read("deploy/kubernetes/overlays/production/secrets.env.example")
                .values()
                .keySet());
        Map<String, Object> kustomization =
                new Yaml().load(Repository.read("deploy/kubernetes/overlays/production/kustomization.yaml"));
        for (Map<String, Object> generator : (List<Map<String, Object>>) kustomization.get("secretGenerator")) {
            for (String file : (List<String>) generator.getOrDefault("files", List.of())) {
                keys.add(file.substring(0, file.indexOf('=')));
            }
        }
        return keys;
    }
}
