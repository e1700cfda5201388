package dev.miyabi.platform.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the module tests: a subclass annotated {@code @ApplicationModuleTest(mode = DIRECT_DEPENDENCIES,
 * extraIncludes = "shared", verifyAutomatically = false)} in a module's package starts that module, the modules
 * whose beans it uses and {@code shared} (whose beans, e.g. the {@code Clock}, Modulith does not count as a
 * dependency) on the test database ({@link TestDatabase}), not the whole application; {@code ModularityTests}
 * verifies the structure once. Spring caches one context per module and mode, so the
 * module tests of one module share a boot; each further module costs one. Use it where a test needs one
 * module's beans and its tables, not HTTP or the other modules ({@link IntegrationTest} is that).
 */
@TestPropertySource(
        properties = {
            "miyabi.admin.email=" + IntegrationTest.ADMIN_EMAIL,
            "miyabi.admin.password=" + IntegrationTest.ADMIN_PASSWORD,
            "miyabi.home=" + TestDatabase.HOME,
            "miyabi.demo.enabled=false",
            "miyabi.payments.provider=sandbox",
            // The context stays running beside the others (spring.properties): no job workers of its own (the
            // tests build theirs) and no event redelivery (it has only its module's listeners).
            "miyabi.jobs.enabled=false",
            "miyabi.events.redelivery-interval=1h"
        })
public abstract class ModuleTest {

    static {
        TestDatabase.exportAsSystemProperties();
        TestMail.exportAsSystemProperties();
    }

    @Autowired
    protected JdbcClient jdbc;
}
