package dev.miyabi.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Signed-in clients for the tests: the admin, and new customers. */
final class Accounts {

    static final String COURSE_PRODUCT = "AI Course: Enterprise Cloud Architecture";

    private Accounts() {}

    static Cli admin(TestServer server) {
        Cli admin = new Cli(tempDir(), server.url());
        Cli.Result login = admin.runProcessWithInput(
                TestServer.ADMIN_PASSWORD, "login", "--email", TestServer.ADMIN_EMAIL, "--password-stdin");
        assertThat(login.exit()).as(login.toString()).isZero();
        return admin;
    }

    /** A new customer, registered through the client. */
    static Cli customer(TestServer server, String name) {
        Cli customer = new Cli(tempDir(), server.url());
        String email = name.toLowerCase().replace(' ', '.') + "."
                + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Cli.Result register = customer.run(
                Map.of("MIYABI_PASSWORD", "a customer's long password"), "register", "--email", email, "--name", name);
        assertThat(register.exit()).as(register.toString()).isZero();
        return customer;
    }

    /**
     * Where the tests keep what they write: the users' config directories (with their tokens), the
     * requests, the downloads — inside {@code target/}, so nothing is left behind elsewhere.
     */
    static final Path WORK = Path.of("target", "cli-it").toAbsolutePath();

    static Path tempDir() {
        try {
            return Files.createTempDirectory(Files.createDirectories(WORK), "config-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A course request for an AI course order (API.md's course input). */
    static Path courseRequest(String topic, int hours) {
        try {
            Path file = Files.createTempFile(Files.createDirectories(WORK), "course-request", ".json");
            Files.writeString(file, """
                    {"topic": "%s", "targetAudience": "Platform engineers", "difficulty": "intermediate",
                     "estimatedHours": %d, "learningObjectives": ["Deploy", "Scale", "Observe"]}
                    """.formatted(topic, hours));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A product's id by its name, from the client's own listing. */
    static String productId(Cli cli, String name) {
        for (JsonNode product :
                cli.run("products", "list", "--json", "--size", "100").json().path("items")) {
            if (name.equals(product.path("name").asString())) {
                return product.path("id").asString();
            }
        }
        throw new AssertionError("No product " + name);
    }
}
