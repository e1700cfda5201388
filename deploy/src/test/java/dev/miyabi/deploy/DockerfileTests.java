package dev.miyabi.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile, read (there is no Docker engine to build it here): the stages and their bases, the
 * layers, the user, the health check, the port and the absence of secrets. {@code
 * ContainerStartIntegrationTests} runs its layer extraction and its ENTRYPOINT.
 */
class DockerfileTests {

    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|KEY|TOKEN|CREDENTIAL).*");
    private final Dockerfile dockerfile = Dockerfile.read();

    @Test
    void shouldBuildWithJdk25AndTheMavenWrapperAndRunOnAJre25() {
        Dockerfile.Stage build = dockerfile.stage("build");
        assertThat(build.baseImage()).startsWith("eclipse-temurin:25-jdk");
        assertThat(build.all("RUN"))
                .anySatisfy(run -> assertThat(run.arguments())
                        .contains("./mvnw")
                        .contains("package")
                        .contains("-pl server"));
        assertThat(dockerfile.stage("web").baseImage()).startsWith("node:");
        assertThat(dockerfile.runtime().baseImage()).startsWith("eclipse-temurin:25-jre");
        assertThat(dockerfile.runtime().name()).isNull();
    }

    @Test
    void shouldCopyTheJarsLayersFromTheSlowestToTheFastestChanging() {
        assertThat(dockerfile.stage("build").all("RUN"))
                .anySatisfy(run -> assertThat(run.arguments()).contains("-Djarmode=tools", "extract", "--layers"));
        List<String> copies = dockerfile.runtime().all("COPY").stream()
                .map(Dockerfile.Instruction::arguments)
                .filter(arguments -> arguments.startsWith("--from=build"))
                .toList();
        assertThat(copies)
                .hasSize(4)
                .satisfiesExactly(
                        copy -> assertThat(copy).contains("/dependencies/"),
                        copy -> assertThat(copy).contains("/spring-boot-loader/"),
                        copy -> assertThat(copy).contains("/snapshot-dependencies/"),
                        copy -> assertThat(copy).contains("/application/"));
    }

    @Test
    void shouldRunAsAnUnprivilegedNumericUser() {
        String user = dockerfile.runtime().last("USER").orElseThrow().arguments();
        assertThat(user).matches("\\d+:\\d+");
        assertThat(Integer.parseInt(user.split(":")[0])).isGreaterThanOrEqualTo(1000);
        assertThat(dockerfile.runtime().instructions().getLast().keyword()).isEqualTo("ENTRYPOINT");
    }

    @Test
    void shouldListenOnPortAndCheckARealHealthEndpoint() {
        assertThat(dockerfile.runtime().env())
                .containsEntry("PORT", ServerSettings.readmeDefault("PORT"))
                .containsKey("MIYABI_HOME");
        assertThat(dockerfile.runtime().last("EXPOSE").orElseThrow().arguments())
                .isEqualTo(ServerSettings.readmeDefault("PORT"));
        String healthcheck =
                dockerfile.runtime().last("HEALTHCHECK").orElseThrow().arguments();
        Matcher path = Pattern.compile("(/actuator/[a-z/]+)").matcher(healthcheck);
        assertThat(path.find()).isTrue();
        assertThat(ServerSettings.actuatorPaths()).contains(path.group(1));
        assertThat(healthcheck).contains("${PORT}");
        List<String> command =
                new Dockerfile.Instruction("CMD", healthcheck.substring(healthcheck.indexOf("CMD"))).execForm();
        assertThat(command.getFirst()).isEqualTo("bash");
    }

    @Test
    void shouldStartTheJvmAsPidOneInExecForm() {
        List<String> entrypoint =
                dockerfile.runtime().last("ENTRYPOINT").orElseThrow().execForm();
        assertThat(entrypoint.getFirst()).isEqualTo("java");
        assertThat(entrypoint).contains("-jar", "miyabi-server.jar");
        assertThat(entrypoint).anyMatch(flag -> flag.startsWith("-XX:MaxRAMPercentage="));
        assertThat(dockerfile.runtime().all("CMD")).isEmpty();
    }

    @Test
    void shouldBakeNoSecretIntoTheImage() {
        for (Dockerfile.Stage stage : dockerfile.stages()) {
            assertThat(stage.env().keySet())
                    .noneMatch(name -> SECRET_NAME.matcher(name).matches());
            assertThat(stage.all("ARG"))
                    .noneMatch(arg -> SECRET_NAME.matcher(arg.arguments()).matches());
            assertThat(stage.all("COPY")).noneMatch(copy -> copy.arguments().matches(".*(\\.pem|\\.env|\\.miyabi).*"));
        }
        List<String> ignored = Repository.read(".dockerignore")
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        assertThat(ignored)
                .contains(".git/", ".miyabi/", "**/*.pem", "**/*.env", "**/.env*", "**/target/", "**/node_modules/");
    }
}
