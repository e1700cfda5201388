package dev.miyabi.platform.identity.internal;

import dev.miyabi.platform.identity.Role;
import dev.miyabi.platform.shared.MiyabiHome;
import dev.miyabi.platform.shared.database.AdvisoryLocks;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On a database without an admin, creates one: from {@code MIYABI_ADMIN_EMAIL}/{@code
 * MIYABI_ADMIN_PASSWORD} when set, else with a generated password that is shown once on the console
 * and written to {@code <miyabi.home>/admin-credentials} (owner-only). Instances starting together
 * agree through an advisory lock.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Users users;
    private final PasswordEncoder passwords;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final IdentityProperties properties;
    private final Path home;
    private final PrintStream console;

    AdminBootstrap(
            Users users,
            PasswordEncoder passwords,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            IdentityProperties properties,
            @Value("${miyabi.home:.miyabi}") Path home) {
        this.users = users;
        this.passwords = passwords;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.properties = properties;
        this.home = home;
        // The generated password goes to the operator's terminal, deliberately not through the log pipeline.
        this.console = System.out;
    }

    @Override
    public void run(ApplicationArguments args) {
        transactions.executeWithoutResult(status -> {
            AdvisoryLocks.lockForTransaction(jdbc, "miyabi:admin-bootstrap");
            if (users.countWithRole(Role.ADMIN) > 0) {
                return;
            }
            String email = AuthService.normalize(properties.admin().email());
            String configured = properties.admin().password();
            boolean generated = configured == null || configured.isBlank();
            String password = generated ? generatePassword() : configured;
            if (users.findByEmail(email).isPresent()) {
                // Never promote an account someone else may have registered with that address.
                log.warn(
                        "No admin exists and {} belongs to a non-admin user; set MIYABI_ADMIN_EMAIL to a new address",
                        email);
                return;
            }
            users.insert(email, "Administrator", passwords.encode(password), EnumSet.allOf(Role.class));
            if (generated) {
                Path file = MiyabiHome.ensure(home).resolve("admin-credentials");
                MiyabiHome.writeSecret(file, "email=" + email + "\npassword=" + password + "\n");
                console.println();
                console.println("  Miyabi admin account created: " + email);
                console.println("  Password (shown once, also in " + file.toAbsolutePath() + "): " + password);
                console.println();
                log.info("Created the admin account {}; its password was written to {}", email, file.toAbsolutePath());
            } else {
                log.info("Created the admin account {} from MIYABI_ADMIN_EMAIL/MIYABI_ADMIN_PASSWORD", email);
            }
        });
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
