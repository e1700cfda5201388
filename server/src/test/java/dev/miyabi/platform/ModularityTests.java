package dev.miyabi.platform;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module boundaries of ARCHITECTURE.md hold; the module documentation is written to target/. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(MiyabiApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeDocumentation().writeModuleCanvases();
    }
}
