package dev.miyabi.platform.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.miyabi.platform.MiyabiApplication;
import dev.miyabi.platform.support.IntegrationTest;
import dev.miyabi.platform.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Outside the zero-setup mode a server without a Stripe key must not quietly take free test cards: it
 * refuses to start until the sandbox is asked for by name. The shared context is such a server (an external
 * database, {@code miyabi.payments.provider=sandbox}); the refusal needs a start of its own.
 */
class PaymentProviderChoiceIntegrationTests extends IntegrationTest {

    @Autowired
    private ConfigurableApplicationContext context;

    @Test
    void shouldRefuseToStartOnAnExternalDatabaseWithoutAPaymentProvider() {
        assertThatThrownBy(() -> start("--miyabi.payments.provider=auto").close())
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause()
                .hasMessageContaining("MIYABI_PAYMENTS_PROVIDER=sandbox")
                .hasMessageContaining("STRIPE_SECRET_KEY");
    }

    @Test
    void shouldStartWithTheSandboxWhenAskedForByName() {
        assertThat(context.getEnvironment().getProperty("miyabi.database.embedded", Boolean.class, false))
                .as("an external database")
                .isFalse();
        assertThat(context.getEnvironment().getProperty("miyabi.payments.provider"))
                .isEqualTo("sandbox");
        assertThat(context.getBean(PaymentGateway.class)).isInstanceOf(SandboxPaymentGateway.class);
    }

    private static ConfigurableApplicationContext start(String provider) {
        TestDatabase.Connection db = TestDatabase.get();
        return new SpringApplicationBuilder(MiyabiApplication.class)
                .run(
                        "--server.port=0",
                        "--miyabi.home=" + TestDatabase.HOME,
                        "--miyabi.database.url=" + db.url(),
                        "--miyabi.database.user=" + db.user(),
                        "--miyabi.database.password=" + db.password(),
                        // As the shared test context, should this start first on the shared database.
                        "--miyabi.admin.email=" + IntegrationTest.ADMIN_EMAIL,
                        "--miyabi.admin.password=" + IntegrationTest.ADMIN_PASSWORD,
                        "--miyabi.demo.enabled=false",
                        "--miyabi.jobs.enabled=false",
                        "--miyabi.payments.stripe.secret-key=",
                        "--spring.datasource.hikari.maximum-pool-size=2",
                        provider);
    }
}
