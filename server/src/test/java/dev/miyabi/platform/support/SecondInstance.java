package dev.miyabi.platform.support;

import dev.miyabi.platform.MiyabiApplication;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second application instance for scale-out tests: another port, the same database (the system
 * properties {@link TestDatabase} set; {@code --miyabi.database.*} arguments name another one) and the same
 * home directory, hence the same signing key, so tokens of the shared test context are valid on it. Close it
 * when done (try-with-resources).
 */
public final class SecondInstance {

    private SecondInstance() {}

    /**
     * Starts it with the shared context's settings plus {@code extraArguments} ({@code --name=value}), which
     * replace a setting of the same name; a random port unless they name {@code --server.port}.
     */
    public static ConfigurableApplicationContext start(String... extraArguments) {
        List<String> defaults = List.of(
                "--server.port=0",
                "--miyabi.home=" + TestDatabase.HOME,
                "--miyabi.admin.email=" + IntegrationTest.ADMIN_EMAIL,
                "--miyabi.admin.password=" + IntegrationTest.ADMIN_PASSWORD,
                "--miyabi.cors.allowed-origins=https://app.example.test",
                "--miyabi.demo.enabled=false",
                "--miyabi.payments.provider=sandbox",
                "--miyabi.metrics.token=" + IntegrationTest.METRICS_TOKEN,
                "--miyabi.auth.registrations-per-address=" + IntegrationTest.REGISTRATIONS_PER_ADDRESS,
                "--spring.datasource.hikari.maximum-pool-size=4");
        // A setting given twice would bind as a list of both values: the caller's replaces the default.
        List<String> arguments = new ArrayList<>();
        for (String setting : defaults) {
            String name = setting.substring(0, setting.indexOf('=') + 1);
            if (Arrays.stream(extraArguments).noneMatch(argument -> argument.startsWith(name))) {
                arguments.add(setting);
            }
        }
        arguments.addAll(List.of(extraArguments));
        return new SpringApplicationBuilder(MiyabiApplication.class).run(arguments.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext instance) {
        return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
