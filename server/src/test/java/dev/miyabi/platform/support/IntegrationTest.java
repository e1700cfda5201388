package dev.miyabi.platform.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Base of the full-stack tests: the whole application on a random port, on real PostgreSQL (see
 * {@link TestDatabase}), driven over HTTP. All subclasses in one JVM (surefire fork) share one application context.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "miyabi.admin.email=" + IntegrationTest.ADMIN_EMAIL,
            "miyabi.admin.password=" + IntegrationTest.ADMIN_PASSWORD,
            "miyabi.home=" + TestDatabase.HOME,
            "miyabi.cors.allowed-origins=https://app.example.test",
            "miyabi.demo.enabled=false",
            // The Stripe webhook endpoint's signing secret, so tests can sign events as Stripe does.
            "miyabi.payments.stripe.webhook-secret=" + IntegrationTest.STRIPE_WEBHOOK_SECRET,
            // An external database takes test payments only when told to.
            "miyabi.payments.provider=sandbox",
            // Every test registers from 127.0.0.1; the registration throttle is tested by raising the count.
            "miyabi.auth.registrations-per-address=" + IntegrationTest.REGISTRATIONS_PER_ADDRESS,
            "miyabi.metrics.token=" + IntegrationTest.METRICS_TOKEN
        })
public abstract class IntegrationTest {

    public static final String ADMIN_EMAIL = "admin@test.miyabi";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    public static final String PASSWORD = "correct horse battery";
    public static final String STRIPE_WEBHOOK_SECRET = "whsec_test_miyabi_integration";
    public static final int REGISTRATIONS_PER_ADDRESS = 100_000;
    public static final String METRICS_TOKEN = "metrics-token-for-tests";

    static {
        TestDatabase.exportAsSystemProperties();
        TestMail.exportAsSystemProperties();
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected Api api;

    @BeforeEach
    void connectApi() {
        api = new Api(port);
    }

    /** A signed-in user: its id, email and current tokens. */
    public record Session(UUID id, String email, String accessToken, String refreshToken) {}

    protected Session register() {
        return register("user-" + UUID.randomUUID() + "@example.test");
    }

    protected Session register(String email) {
        return register(email, "Test User");
    }

    protected Session register(String email, String name) {
        Api.Response response = api.post("/api/auth/register")
                .json(Map.of("email", email, "password", PASSWORD, "name", name))
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return session(response.json());
    }

    protected Session login(String email, String password) {
        Api.Response response = api.post("/api/auth/login")
                .json(Map.of("email", email, "password", password))
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return session(response.json());
    }

    protected Session admin() {
        return login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** A new user holding the given extra roles, signed in again so its token carries them. */
    protected Session registerWithRoles(String... roles) {
        Session user = register();
        Api.Response changed = api.put("/api/admin/users/" + user.id() + "/roles")
                .token(admin().accessToken())
                .json(Map.of("roles", java.util.List.of(roles)))
                .send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        return login(user.email(), PASSWORD);
    }

    protected static Session session(JsonNode body) {
        return new Session(
                UUID.fromString(body.path("user").path("id").asString()),
                body.path("user").path("email").asString(),
                body.path("accessToken").asString(),
                body.path("refreshToken").asString());
    }
}
